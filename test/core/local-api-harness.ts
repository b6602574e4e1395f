// The local API over real HTTP: a core wired to an oidc-provider peer with the server turned on,
// a key, and two clients, Debian's curl (a child process) and Node's fetch.
import { execFile } from 'node:child_process';
import type { CoreOptions } from '../../src-main/core/options';
import type { LocalApiNewKey, ServiceId } from '../../src-shared/types';
import type { OAuthPeerOptions } from '../support/oauth-peer';
import { startHarness, type Harness } from './harness';

export interface LocalApiWorld {
  h: Harness;
  /** e.g. http://127.0.0.1:41234 */
  base: string;
  key: LocalApiNewKey;
  /** fetch against the server with the key (unless `headers.authorization` says otherwise). */
  call(path: string, init?: RequestInit): Promise<Response>;
}

export async function startLocalApi(
  peer: OAuthPeerOptions = { kind: 'google' },
  services: ServiceId[] = ['google_gmail'],
  coreOptions: Partial<CoreOptions> = {},
): Promise<LocalApiWorld> {
  const h = await startHarness(peer, { localApi: { defaultPort: 0, rateLimit: { perSecond: 10_000, burst: 10_000 } }, ...coreOptions });
  const status = await h.core.invoke('localApi.configure', { enabled: true });
  if (!status.running) throw new Error(`the local API did not start: ${status.error}`);
  const key = await h.core.invoke('localApi.keys.create', { name: 'test script', services });
  const world: LocalApiWorld = {
    h,
    base: status.address,
    key,
    call(path, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${key.key}`);
      return fetch(`${world.base}${path}`, { ...init, headers, redirect: 'manual' });
    },
  };
  return world;
}

export interface CurlResult {
  /** The exit code: 0 when curl got an answer, whatever its status. */
  code: number;
  status: number;
  headers: string;
  body: string;
  stderr: string;
}

/** Runs /usr/bin/curl with `args`; `-sS -i` are added so the status and headers come back. */
export function curl(args: string[], options: { timeoutMs?: number } = {}): Promise<CurlResult> {
  return new Promise((resolve) => {
    execFile(
      'curl',
      ['-sS', '-i', '--max-time', String(Math.ceil((options.timeoutMs ?? 20_000) / 1000)), ...args],
      { encoding: 'latin1', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error && typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : error ? -1 : 0;
        // Heads one after another (a 100 Continue may come first), then the body.
        let rest = stdout;
        let headers = '';
        while (rest.startsWith('HTTP/')) {
          const end = rest.indexOf('\r\n\r\n');
          headers = end < 0 ? rest : rest.slice(0, end);
          rest = end < 0 ? '' : rest.slice(end + 4);
        }
        const body = rest;
        const statuses = [...headers.matchAll(/^HTTP\/[\d.]+ (\d{3})/gm)].map((m) => Number(m[1]));
        resolve({ code, status: statuses.at(-1) ?? 0, headers, body: Buffer.from(body, 'latin1').toString('utf8'), stderr });
      },
    );
  });
}

/** The JSON error an answer carries, or null. */
export async function errorBody(response: Response): Promise<{ code: string; message: string } | null> {
  const json = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  return json?.error ?? null;
}
