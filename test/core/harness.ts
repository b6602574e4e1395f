import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../src-main/core/index';
import type { CoreOptions } from '../../src-main/core/options';
import type { Connection, CoreEvent, OAuthStartResult, ServiceId } from '../../src-shared/types';
import { completeAuthorization, type AuthorizationOutcome } from '../support/browser';
import { createTestCipher, type TestCipher } from '../support/cipher';
import { startOAuthPeer, type OAuthPeer, type OAuthPeerOptions } from '../support/oauth-peer';
import { makeTempDir } from '../support/temp-dir';

export type TestCore = Awaited<ReturnType<typeof createCore>>;

export interface Harness {
  peer: OAuthPeer;
  core: TestCore;
  dataDir: string;
  cipher: TestCipher;
  events: CoreEvent[];
  /** URLs the core asked the system browser to open. */
  opened: string[];
  options: CoreOptions;
  /** oauth.start → the test browser follows the URL → oauth.wait. */
  connect(service: ServiceId, extra?: { scopes?: string[]; services?: ServiceId[] }): Promise<Connection>;
  /** A new core on the same data directory and cipher, as after a restart. */
  restart(overrides?: Partial<CoreOptions>): Promise<TestCore>;
  close(): Promise<void>;
}

export const GOOGLE_SERVICES: ServiceId[] = ['google_gmail', 'google_calendar', 'google_drive', 'google_docs'];

/** `create` replaces the core under test: test/core/bundled-core.test.ts passes the built bundle's. */
export async function startHarness(
  peerOptions: OAuthPeerOptions,
  coreOptions: Partial<CoreOptions> = {},
  create: typeof createCore = createCore,
): Promise<Harness> {
  const peer = await startOAuthPeer(peerOptions);
  const dataDir = makeTempDir();
  const cipher = createTestCipher();
  const events: CoreEvent[] = [];
  const opened: string[] = [];
  const options: CoreOptions = {
    dataDir,
    cipher,
    openExternal: (url) => {
      opened.push(url);
    },
    providers: { [peer.kind]: peer.providerOverride },
    retryBaseDelayMs: 20,
    ...coreOptions,
    // A test's per-service options (a pace) go with the peer's API bases, not instead of them.
    services: Object.fromEntries(
      Object.entries({ ...coreOptions.services, ...peer.servicesOverride }).map(([id, base]) => [
        id,
        { ...base, ...coreOptions.services?.[id as ServiceId] },
      ]),
    ),
  };
  const harness: Harness = {
    peer,
    core: await create(options),
    dataDir,
    cipher,
    events,
    opened,
    options,
    async connect(service, extra = {}) {
      const started = await harness.core.invoke('oauth.start', { service, ...extra });
      const waiting = harness.core.invoke('oauth.wait', { state: started.state });
      const outcome: AuthorizationOutcome = await completeAuthorization(started.authUrl);
      if (outcome.redirectUrl.startsWith('junction:')) await harness.core.handleProtocolUrl(outcome.redirectUrl);
      return waiting;
    },
    async restart(overrides = {}) {
      await harness.core.close();
      harness.core = await create({ ...options, ...overrides });
      harness.core.onEvent((event) => events.push(event));
      return harness.core;
    },
    async close() {
      await harness.core.close();
      await peer.close();
    },
  };
  harness.core.onEvent((event) => events.push(event));
  return harness;
}

/** Every file under `dir`, read as text: what is or is not on disk. Secrets: test/support/disk-secrecy.ts. */
export function readAllFiles(dir: string): string {
  let text = '';
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    text += statSync(path).isDirectory() ? readAllFiles(path) : readFileSync(path, 'latin1');
  }
  return text;
}

/** The live tokens the peer issued, for leak checks. */
export async function issuedTokens(peer: OAuthPeer): Promise<string[]> {
  return [...peer.api.seenTokens];
}

export function errorOf(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: { code?: string; message: string }) => error,
  );
}

/** Polls `condition` every 5 ms; rejects naming `what` after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface SlowSignIn {
  start: OAuthStartResult;
  /** The oauth.wait, as errorOf: rejects with the flow's error. */
  waiting: Promise<{ code?: string; message: string }>;
  /** The callback page the browser ends on, and how long after the callback it came. */
  page: Promise<AuthorizationOutcome & { ms: number }>;
}

/**
 * Starts a sign-in whose token request the peer holds for `delayMs`, walks the browser to the
 * callback, and resolves once the token request has reached the peer: the exchange is under way.
 */
export async function signInWithSlowTokenEndpoint(h: Harness, service: ServiceId, delayMs: number): Promise<SlowSignIn> {
  h.peer.faults.token.next(1, { delayMs });
  const start = await h.core.invoke('oauth.start', { service });
  const waiting = errorOf(h.core.invoke('oauth.wait', { state: start.state }));
  const t0 = Date.now();
  const page = completeAuthorization(start.authUrl).then((outcome) => ({ ...outcome, ms: Date.now() - t0 }));
  page.catch(() => undefined);
  await until(() => h.peer.faults.token.pending === 0, 'the token request');
  return { start, waiting, page };
}
