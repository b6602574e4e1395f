// Runs the load scenario: the two OAuth peers here, the core in a child process under
// --expose-gc (load-child.ts), so its heap can be read after a forced collection without the
// peers' own bookkeeping in it. Used by load.test.ts and by `npm run bench` (scripts/bench/load.ts).
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { sleep } from '../../support/http-utils';
import { startOAuthPeer, type OAuthPeer } from '../../support/oauth-peer';
import {
  accountFor,
  GZIP_BOMB_INFLATED,
  GZIP_BOMB_PATH,
  LOAD_ECHO_PATH,
  OVER_CAP_PATHS,
  type ChildMessage,
  type LoadPlan,
  type LoadReport,
  type ParentMessage,
  type PeerKind,
} from './protocol';

export type { LoadPlan, LoadReport } from './protocol';

export const CI_PLAN: LoadPlan = {
  connectionsPerPeer: 5,
  warmup: 1_000,
  total: 5_000,
  concurrency: 200,
  bigRounds: 20,
  bigBytes: 25 * 1024 * 1024,
  maxBodyBytes: 25 * 1024 * 1024,
};

export interface LoadRun {
  report: LoadReport;
  /** Refresh grants each peer answered. */
  refreshGrants: Record<PeerKind, number>;
  /** Bytes the over-cap routes wrote before the client stopped reading, by path. */
  written: Record<string, number>;
  /** Bytes the over-cap routes would have sent (or inflated to) had the client read on. */
  offered: Record<string, number>;
  /** The gzip bomb's size on the wire. */
  bombBytes: number;
}

const CHUNK = Buffer.alloc(64 * 1024, 'z');
const ONE_GIB = 1024 ** 3;

/** Streams until the client goes away (or `limit` is reached), counting the bytes it wrote. */
function installOverCapRoutes(peer: OAuthPeer, written: Record<string, number>): void {
  const base = new URL(peer.apiBaseUrls.google_gmail ?? '').pathname;
  const stream = (path: string, declare: boolean) =>
    peer.api.route(
      'GET',
      `${base}${path}`,
      async ({ req, res }) => {
        written[path] = 0;
        res.writeHead(200, { 'content-type': 'application/octet-stream', ...(declare ? { 'content-length': String(ONE_GIB) } : {}) });
        let gone = false;
        res.on('close', () => {
          gone = true;
        });
        req.on('error', () => {
          gone = true;
        });
        while (!gone && (written[path] ?? 0) < ONE_GIB) {
          written[path] = (written[path] ?? 0) + CHUNK.length;
          if (!res.write(CHUNK)) {
            await new Promise<void>((resolve) => {
              const done = () => {
                res.off('drain', done);
                res.off('close', done);
                resolve();
              };
              res.once('drain', done);
              res.once('close', done);
            });
          }
        }
        if (!gone) res.end();
        return undefined;
      },
      { auth: false },
    );
  stream(OVER_CAP_PATHS.chunked, false);
  stream(OVER_CAP_PATHS.declared, true);
}

/** An echo that demands a live token: the request's own number and whose token it was. */
function installWhoamiEcho(peer: OAuthPeer): void {
  for (const apiBaseUrl of Object.values(peer.apiBaseUrls)) {
    peer.api.route('GET', `${new URL(apiBaseUrl).pathname}${LOAD_ECHO_PATH}`, ({ query, account }) => ({
      json: { n: query.get('n'), sub: account?.sub ?? null },
    }));
  }
}

/** Serves GZIP_BOMB_PATH: the zeros compressed once, sent with their compressed length. */
async function installGzipBomb(peer: OAuthPeer): Promise<number> {
  const gzip = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on('data', (part: Buffer) => parts.push(part));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < GZIP_BOMB_INFLATED / zeros.length; i += 1) {
    if (!gzip.write(zeros)) await once(gzip, 'drain');
  }
  gzip.end();
  await once(gzip, 'end');
  const bomb = Buffer.concat(parts);
  const base = new URL(peer.apiBaseUrls.google_gmail ?? '').pathname;
  peer.api.route(
    'GET',
    `${base}${GZIP_BOMB_PATH}`,
    () => ({
      headers: { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip', 'content-length': String(bomb.length) },
      body: bomb,
    }),
    { auth: false },
  );
  return bomb.length;
}

export async function runLoad(plan: LoadPlan = CI_PLAN, options: { execArgv?: string[] } = {}): Promise<LoadRun> {
  const peers: Record<PeerKind, OAuthPeer> = {
    google: await startOAuthPeer({ kind: 'google' }),
    spotify: await startOAuthPeer({ kind: 'spotify' }),
  };
  const written: Record<string, number> = {};
  installOverCapRoutes(peers.google, written);
  const bombBytes = await installGzipBomb(peers.google);
  installWhoamiEcho(peers.google);
  installWhoamiEcho(peers.spotify);
  const child = fork(fileURLToPath(new URL('./load-child.ts', import.meta.url)), {
    execArgv: ['--expose-gc', '--import', 'tsx', ...(options.execArgv ?? [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const report = await new Promise<LoadReport>((resolve, reject) => {
      child.on('exit', (code, signal) => reject(new Error(`the load child exited (${code ?? signal}) before reporting`)));
      child.on('error', reject);
      child.on('message', (message: ChildMessage) => {
        if (message.type === 'result') return resolve(message.report);
        if (message.type === 'failed') return reject(new Error(`the load child failed: ${message.message}`));
        if (message.op === 'setAccount') peers[message.kind].setAccount(accountFor(message.kind, message.index));
        else for (const peer of Object.values(peers)) peer.expireAccessTokens();
        const reply: ParentMessage = { type: 'reply', id: message.id };
        child.send(reply);
      });
      const start: ParentMessage = {
        type: 'start',
        plan,
        peers: {
          google: { providerOverride: peers.google.providerOverride, servicesOverride: peers.google.servicesOverride },
          spotify: { providerOverride: peers.spotify.providerOverride, servicesOverride: peers.spotify.servicesOverride },
        },
      };
      child.send(start);
    });
    // The over-cap routes notice the client left on their next write.
    await sleep(50);
    const refreshes = { google: peers.google.stats.refreshesByAccount(), spotify: peers.spotify.stats.refreshesByAccount() };
    for (const connection of report.connections) connection.refreshes = refreshes[connection.kind].get(connection.accountId) ?? 0;
    return {
      report,
      refreshGrants: { google: peers.google.stats.token.refresh_token, spotify: peers.spotify.stats.token.refresh_token },
      written: { ...written },
      offered: { [OVER_CAP_PATHS.chunked]: ONE_GIB, [OVER_CAP_PATHS.declared]: ONE_GIB, [GZIP_BOMB_PATH]: GZIP_BOMB_INFLATED },
      bombBytes,
    };
  } finally {
    child.removeAllListeners('exit');
    child.kill();
    await Promise.all([peers.google.close(), peers.spotify.close()]);
  }
}
