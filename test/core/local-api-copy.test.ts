// "Copy for local API": the command the console and History copy runs as is in a shell with the
// key in $JUNCTION_KEY, against the real server, and holds no token.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src-shared/types';
import { toLocalApiCurl } from '../../src-renderer/lib/local-api-curl';
import type { RequestDraft } from '../../src-renderer/lib/request';
import { removeAllTempDirs } from '../support/temp-dir';
import { startLocalApi, type LocalApiWorld } from './local-api-harness';

let world: LocalApiWorld;
let connection: Connection;
beforeAll(async () => {
  world = await startLocalApi();
  connection = await world.h.connect('google_gmail');
});
afterAll(async () => {
  await world.h.close();
  removeAllTempDirs();
});

function sh(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      ['-c', `set -euo pipefail; ${command} -sS --fail-with-body`],
      { env: { ...process.env, JUNCTION_KEY: world.key.key } },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stdout}\n${stderr}`)) : resolve(stdout)),
    );
  });
}

const draft = (patch: Partial<RequestDraft>): RequestDraft => ({ method: 'GET', url: '', query: [], headers: [], body: '', ...patch });

describe('Copy for local API', () => {
  it('runs as copied: query rows with brackets, headers, a JSON body, an absolute URL on the API host', async () => {
    const port = Number(new URL(world.base).port);
    const get = toLocalApiCurl(
      draft({
        url: '/test/echo?a=1',
        query: [
          { key: 'q', value: "it's [x] {y}", enabled: true },
          { key: 'off', value: '1', enabled: false },
        ],
        headers: [
          { key: 'Authorization', value: 'Bearer typed-by-hand', enabled: true },
          { key: 'X-Trace', value: 'abc', enabled: true },
        ],
      }),
      connection.id,
      port,
    );
    expect(get).toContain('$JUNCTION_KEY');
    expect(get).not.toContain('typed-by-hand');
    expect(get).not.toContain(world.key.key);
    const echo = JSON.parse(await sh(get)) as { method: string; query: Record<string, string>; headers: Record<string, string> };
    expect(echo).toMatchObject({ method: 'GET', query: { a: '1', q: "it's [x] {y}" } });
    expect(echo.query.off).toBeUndefined();
    expect(echo.headers['x-trace']).toBe('abc');

    const post = toLocalApiCurl(draft({ method: 'POST', url: 'test/echo', body: '{"hello": "wörld"}' }), connection.id, port);
    const posted = JSON.parse(await sh(post)) as { method: string; body: string; headers: Record<string, string> };
    expect(posted).toMatchObject({ method: 'POST', body: '{"hello":"wörld"}' });
    expect(posted.headers['content-type']).toBe('application/json');

    const absolute = toLocalApiCurl(draft({ url: `${connection.apiBaseUrl}/users/me/profile` }), connection.id, port);
    expect(JSON.parse(await sh(absolute))).toMatchObject({ emailAddress: 'ada@example.com' });
  });
});
