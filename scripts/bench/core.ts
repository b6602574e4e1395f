import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { createCore } from '../../src-main/core/index';
import { completeAuthorization } from '../../test/support/browser';
import { createTestCipher } from '../../test/support/cipher';
import { startOAuthPeer } from '../../test/support/oauth-peer';
import { makeTempDir, removeAllTempDirs } from '../../test/support/temp-dir';
import type { BenchRow } from './types';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const UNPACED = { ratePerSecond: 1e9, burst: 1e9, concurrency: 1e6 };
const fmt = (n: number, digits = 3) => n.toFixed(digits);

async function connected(kind: 'google' | 'spotify', accessTokenTtl?: number, services?: Record<string, { apiBaseUrl: string }>) {
  const peer = await startOAuthPeer({ kind, ...(accessTokenTtl ? { accessTokenTtl } : {}) });
  const core = await createCore({
    dataDir: makeTempDir('junction-bench-'),
    cipher: createTestCipher(),
    openExternal: () => undefined,
    providers: { [kind]: peer.providerOverride },
    // The proxy's own overhead, not the pacer's waits (pacing.ts measures those).
    services: Object.fromEntries(Object.entries({ ...peer.servicesOverride, ...services }).map(([id, o]) => [id, { ...o, pace: UNPACED }])),
  });
  const service = kind === 'google' ? 'google_gmail' : 'spotify';
  const start = await core.invoke('oauth.start', { service });
  const wait = core.invoke('oauth.wait', { state: start.state });
  const outcome = await completeAuthorization(start.authUrl);
  if (outcome.redirectUrl.startsWith('junction:')) await core.handleProtocolUrl(outcome.redirectUrl);
  const connection = await wait;
  return { peer, core, connection };
}

/**
 * Proxy overhead: the same loopback endpoint through `api.request` and by a direct fetch (with the
 * same bearer header, reading and parsing the body as the proxy does), interleaved so that drift
 * hits both alike. Medians of per-request latency.
 */
/**
 * A Gmail-like profile endpoint in a process of its own, as a real API is: the client side's cost
 * is what is compared, not the server's competing for the same thread.
 */
async function startApiProcess(): Promise<{ child: ChildProcess; base: string }> {
  const source = `
    const http = require('node:http');
    const server = http.createServer((req, res) => {
      if (!(req.headers.authorization || '').startsWith('Bearer ')) { res.writeHead(401).end(); return; }
      res.setHeader('content-type', 'application/json; charset=UTF-8');
      res.end(JSON.stringify({ emailAddress: 'ada@example.com', messagesTotal: 4821, threadsTotal: 3290, historyId: '912834' }));
    });
    server.listen(0, '127.0.0.1', () => process.send(server.address().port));
  `;
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [port] = (await once(child, 'message')) as [number];
  return { child, base: `http://127.0.0.1:${port}/gmail/v1` };
}

export async function benchCore(options: { sequential?: number; concurrent?: number } = {}): Promise<BenchRow[]> {
  const sequential = options.sequential ?? 2000;
  const total = options.concurrent ?? 2000;
  const api = await startApiProcess();
  const { peer, core, connection } = await connected('google', undefined, { google_gmail: { apiBaseUrl: api.base } });
  const url = `${api.base}/users/me/profile`;
  const token = 'same-length-as-a-real-token-0123456789abcdef';
  const direct = async () => {
    const t = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    JSON.parse(await response.text());
    return performance.now() - t;
  };
  // The proxy's own HTTP client used directly: what is left is the core's own work per request.
  const agent = new Agent();
  const sameClient = async () => {
    const t = performance.now();
    const response = await request(url, { headers: { authorization: `Bearer ${token}` }, dispatcher: agent });
    JSON.parse(Buffer.from(await response.body.bytes()).toString('utf8'));
    return performance.now() - t;
  };
  const proxied = async () => {
    const t = performance.now();
    await core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    return performance.now() - t;
  };
  // Warm up both paths (JIT, sockets).
  for (let i = 0; i < 500; i += 1) {
    await direct();
    await sameClient();
    await proxied();
  }
  const seqDirect: number[] = [];
  const seqSame: number[] = [];
  const seqProxy: number[] = [];
  for (let i = 0; i < sequential; i += 1) {
    // Rotate the order so that no path always runs right after another.
    const order = [
      () => direct().then((t) => seqDirect.push(t)),
      () => sameClient().then((t) => seqSame.push(t)),
      () => proxied().then((t) => seqProxy.push(t)),
    ];
    for (let k = 0; k < 3; k += 1) await order[(i + k) % 3]?.();
  }
  const concurrentRun = async (fn: () => Promise<number>) => {
    const times: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < total) {
          next += 1;
          times.push(await fn());
        }
      }),
    );
    return times;
  };
  const conDirect: number[] = [];
  const conProxy: number[] = [];
  for (let round = 0; round < 4; round += 1) {
    conDirect.push(...(await concurrentRun(direct)));
    conProxy.push(...(await concurrentRun(proxied)));
  }
  await core.close();
  await peer.close();
  await agent.close();
  api.child.kill();

  const seqRatio = median(seqProxy) / median(seqDirect);
  const ownCost = median(seqProxy) - median(seqSame);
  const conRatio = median(conProxy) / median(conDirect);

  // Refreshes under a burst: tokens inside the refresh skew, 100 requests at once.
  const burst = await connected('spotify', 30);
  burst.peer.resetStats();
  await Promise.all(Array.from({ length: 100 }, () => burst.core.invoke('api.request', { connectionId: burst.connection.id, url: '/me' })));
  const refreshes = burst.peer.stats.token.refresh_token;
  await burst.core.close();
  await burst.peer.close();
  removeAllTempDirs();

  return [
    {
      metric: `Proxy overhead, sequential (median of ${sequential})`,
      value: `${fmt(seqRatio, 2)}× (${fmt(median(seqProxy))} ms vs ${fmt(median(seqDirect))} ms direct)`,
      goal: '≤ 1.10×',
      met: seqRatio <= 1.1,
    },
    {
      metric: "The core's own work per request (proxy minus its HTTP client, undici.request, used directly)",
      value: `${fmt(ownCost * 1000, 0)} µs (${fmt(median(seqProxy))} ms vs ${fmt(median(seqSame))} ms)`,
      goal: '—',
      met: null,
      note: "The proxy sends through undici's request API, which is leaner than fetch; this row keeps what the core adds on top visible.",
    },
    {
      metric: `Proxy overhead, 50 concurrent (median of ${conProxy.length})`,
      value: `${fmt(conRatio, 2)}× (${fmt(median(conProxy))} ms vs ${fmt(median(conDirect))} ms direct)`,
      goal: '≤ 1.10×',
      met: conRatio <= 1.1,
    },
    {
      metric: 'Refreshes for a burst of 100 requests after expiry',
      value: String(refreshes),
      goal: '1',
      met: refreshes === 1,
    },
  ];
}
