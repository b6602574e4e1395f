import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../src-main/core/index';
import type { CoreOptions } from '../../src-main/core/options';
import type { Connection, CoreEvent, ServiceId } from '../../src-shared/types';
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
  connect(service: ServiceId, extra?: { scopes?: string[] }): Promise<Connection>;
  /** A new core on the same data directory and cipher, as after a restart. */
  restart(overrides?: Partial<CoreOptions>): Promise<TestCore>;
  close(): Promise<void>;
}

export const GOOGLE_SERVICES: ServiceId[] = ['google_gmail', 'google_calendar', 'google_drive', 'google_docs'];

export async function startHarness(peerOptions: OAuthPeerOptions, coreOptions: Partial<CoreOptions> = {}): Promise<Harness> {
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
    services: peer.servicesOverride,
    retryBaseDelayMs: 20,
    ...coreOptions,
  };
  const harness: Harness = {
    peer,
    core: await createCore(options),
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
      harness.core = await createCore({ ...options, ...overrides });
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

/** Every file under `dir`, read as text, for "no plaintext token on disk" checks. */
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
