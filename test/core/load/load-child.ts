// The core alone in a process of its own, run with --expose-gc by load-run.ts: connects its
// accounts through the peers in the parent, drives the load, and reports what it saw and what the
// heap did. Run as `node --expose-gc --import tsx test/core/load/load-child.ts` with an IPC channel.
import { performance } from 'node:perf_hooks';
import { createCore, type Core } from '../../../src-main/core/index';
import type { Connection } from '../../../src-shared/types';
import { completeAuthorization } from '../../support/browser';
import { createTestCipher } from '../../support/cipher';
import { makeTempDir, removeAllTempDirs } from '../../support/temp-dir';
import {
  accountFor,
  GZIP_BOMB_PATH,
  LOAD_ECHO_PATH,
  OVER_CAP_PATHS,
  type ChildMessage,
  type HeapReading,
  type LoadPlan,
  type LoadReport,
  type ParentMessage,
  type PeerKind,
  type PeerWiring,
} from './protocol';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('load-child needs node --expose-gc');

function send(message: ChildMessage): void {
  process.send?.(message);
}

let nextCall = 0;
const replies = new Map<number, () => void>();
function call(message: { op: 'setAccount'; kind: PeerKind; index: number } | { op: 'expireAccessTokens' }): Promise<void> {
  const id = ++nextCall;
  return new Promise((resolve) => {
    replies.set(id, resolve);
    send({ type: 'call', id, ...message });
  });
}

/** The heap after the collector has really finished: several passes, with turns of the loop between. */
async function settledHeap(): Promise<HeapReading> {
  for (let i = 0; i < 6; i += 1) {
    gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const { heapUsed, arrayBuffers, external, rss } = process.memoryUsage();
  return { heapUsed, arrayBuffers, external, rss };
}

async function pool(total: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await task(next++);
    }),
  );
}

/**
 * 25 MB bodies through api.request, one after another: each is spilled to a file (only its first
 * page comes back), read once through the body worker, and released.
 */
async function bigBodies(core: Core, connectionId: string, plan: LoadPlan, rss: number): Promise<{ failures: string[]; peakRss: number }> {
  const failures: string[] = [];
  let peakRss = rss;
  for (let round = 0; round < plan.bigRounds; round += 1) {
    const answer = await core.invoke('api.request', { connectionId, url: '/test/big', query: { bytes: String(plan.bigBytes) } });
    const handle = answer.bodyHandle;
    if (answer.status !== 200 || answer.sizeBytes !== plan.bigBytes || answer.truncated || !handle?.partial || handle.kind !== 'json') {
      failures.push(
        `round ${round}: HTTP ${answer.status}, ${answer.sizeBytes} bytes, truncated ${answer.truncated}, handle ${JSON.stringify(handle)}`,
      );
    }
    if (handle) {
      const root = await core.invoke('api.body', { handle: handle.id, op: 'children', path: [], offset: 0, limit: 10 });
      const data = root.op === 'children' ? root.children.find((child) => child.key === 'data') : undefined;
      if (data?.type !== 'string') failures.push(`round ${round}: the root's children were ${JSON.stringify(root).slice(0, 200)}`);
      await core.invoke('api.body', { handle: handle.id, op: 'release' });
    }
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  return { failures, peakRss };
}

async function run(plan: LoadPlan, peers: Record<PeerKind, PeerWiring>): Promise<LoadReport> {
  let clockOffset = 0;
  const core = await createCore({
    dataDir: makeTempDir('junction-load-'),
    cipher: createTestCipher(),
    openExternal: () => undefined,
    providers: { google: peers.google.providerOverride, spotify: peers.spotify.providerOverride },
    // The load on the core, not the pacer's waits (test/core/pacing covers pacing).
    services: Object.fromEntries(
      Object.entries({ ...peers.google.servicesOverride, ...peers.spotify.servicesOverride }).map(([id, o]) => [
        id,
        { ...o, pace: { ratePerSecond: 1e9, burst: 1e9, concurrency: 1e6 } },
      ]),
    ),
    // Expiry on demand: moving this clock an hour on is an access token expiring, for every connection at once.
    now: () => Date.now() + clockOffset,
    maxBodyBytes: plan.maxBodyBytes,
    requestTimeoutMs: 60_000,
  });

  const connections: { connection: Connection; kind: PeerKind; index: number }[] = [];
  for (const kind of ['google', 'spotify'] as const) {
    for (let index = 0; index < plan.connectionsPerPeer; index += 1) {
      await call({ op: 'setAccount', kind, index });
      const start = await core.invoke('oauth.start', { service: kind === 'google' ? 'google_gmail' : 'spotify' });
      const waiting = core.invoke('oauth.wait', { state: start.state });
      const outcome = await completeAuthorization(start.authUrl);
      if (outcome.redirectUrl.startsWith('junction:')) await core.handleProtocolUrl(outcome.redirectUrl);
      connections.push({ connection: await waiting, kind, index });
    }
  }

  const failureSamples: string[] = [];
  let failures = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  const fail = (message: string) => {
    failures += 1;
    if (failureSamples.length < 10) failureSamples.push(message);
  };

  /** One request, checked: the right account's profile, or the echo of this request's own number and account. */
  async function request(n: number): Promise<void> {
    const target = connections[n % connections.length];
    if (!target) return;
    const { connection, kind, index } = target;
    const account = accountFor(kind, index);
    // Every connection gets both kinds of request, turn about.
    const profile = Math.floor(n / connections.length) % 2 === 0;
    const payload = profile
      ? { connectionId: connection.id, url: kind === 'google' ? '/users/me/profile' : '/me' }
      : { connectionId: connection.id, url: LOAD_ECHO_PATH, query: { n: String(n) } };
    inFlight += 1;
    peakInFlight = Math.max(peakInFlight, inFlight);
    try {
      const answer = await core.invoke('api.request', payload);
      const json = answer.json as Record<string, unknown> | undefined;
      if (answer.status !== 200) return fail(`#${n} ${payload.url}: HTTP ${answer.status} ${answer.body.slice(0, 120)}`);
      if (profile) {
        const who = kind === 'google' ? json?.emailAddress : json?.id;
        const expected = kind === 'google' ? account.email : account.sub;
        if (who !== expected) fail(`#${n}: profile of ${String(who)} on the connection of ${expected}`);
      } else if (json?.n !== String(n) || json.sub !== account.sub) {
        fail(`#${n}: echo ${answer.body.slice(0, 120)} on the connection of ${account.sub}`);
      }
    } catch (error) {
      fail(`#${n}: ${(error as { code?: string }).code ?? ''} ${(error as Error).message}`);
    } finally {
      inFlight -= 1;
    }
  }

  await pool(plan.warmup, plan.concurrency, request);
  const heapBeforeLoad = await settledHeap();
  const loadStarted = performance.now();
  const clockExpiryAt = Math.floor(plan.total / 3);
  const providerExpiryAt = Math.floor((2 * plan.total) / 3);
  await pool(plan.total, plan.concurrency, async (i) => {
    // Expiry one: the core's clock passes every token's expiry, so requests refresh ahead of sending.
    if (i === clockExpiryAt) clockOffset += 3_600_000;
    // Expiry two: the provider expires every access token, so requests in flight come back 401.
    if (i === providerExpiryAt) await call({ op: 'expireAccessTokens' });
    await request(plan.warmup + i);
  });
  const loadMs = performance.now() - loadStarted;
  const heapAfterLoad = await settledHeap();
  const loadFailures = failures;
  const loadSamples = failureSamples.splice(0);

  // 25 MB bodies through api.request, one after another, results dropped each time.
  const googleConnection = connections.find((c) => c.kind === 'google')?.connection;
  if (!googleConnection) throw new Error('no Google connection');
  const heapBeforeBig = await settledHeap();
  const bigStarted = performance.now();
  // In a function of its own: a suspended async frame can keep the last answer alive in a register.
  const { failures: bigFailures, peakRss } = await bigBodies(core, googleConnection.id, plan, heapBeforeBig.rss);
  const bigMs = performance.now() - bigStarted;
  const heapAfterBig = await settledHeap();

  // Bodies past the cap: one that never ends, one that declares a gigabyte, one that inflates past it. All must stop at the cap.
  const overCap: LoadReport['overCap'] = [];
  for (const path of [OVER_CAP_PATHS.chunked, OVER_CAP_PATHS.declared, GZIP_BOMB_PATH]) {
    const started = performance.now();
    const answer = await core.invoke('api.request', { connectionId: googleConnection.id, url: path });
    overCap.push({ path, truncated: answer.truncated, sizeBytes: answer.sizeBytes, ms: Math.round(performance.now() - started) });
  }

  const report: LoadReport = {
    // Refreshes are counted by the providers (load-run.ts), per account: the core exposes no counter.
    connections: connections.map(({ connection, kind }) => ({
      id: connection.id,
      kind,
      accountId: connection.account.id ?? '',
      refreshes: 0,
    })),
    warmupRequests: plan.warmup,
    requests: plan.total,
    failures: loadFailures,
    failureSamples: loadSamples,
    peakInFlight,
    loadMs: Math.round(loadMs),
    heapBeforeLoad,
    heapAfterLoad,
    big: {
      rounds: plan.bigRounds,
      bytesEach: plan.bigBytes,
      failures: bigFailures,
      ms: Math.round(bigMs),
      peakRss,
      heapBefore: heapBeforeBig,
      heapAfter: heapAfterBig,
    },
    overCap,
  };
  await core.close();
  removeAllTempDirs();
  return report;
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'reply') {
    replies.get(message.id)?.();
    replies.delete(message.id);
    return;
  }
  run(message.plan, message.peers).then(
    (report) => send({ type: 'result', report }),
    (error: unknown) =>
      send({ type: 'failed', message: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) }),
  );
});
