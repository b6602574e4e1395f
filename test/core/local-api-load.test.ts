// 1,000 requests from 20 parallel clients, a token refresh in the middle, and afterwards no key
// and no token the peer issued in any response, log entry, event or file.
import { afterEach, describe, expect, it } from 'vitest';
import { removeAllTempDirs } from '../support/temp-dir';
import { readAllFiles } from './harness';
import { curl, startLocalApi, type LocalApiWorld } from './local-api-harness';

let world: LocalApiWorld | undefined;
afterEach(async () => {
  await world?.h.close();
  world = undefined;
  removeAllTempDirs();
});

const CLIENTS = 20;
const PER_CLIENT = 50;

describe('the local API under load', () => {
  it('answers 1,000 requests from 20 parallel clients correctly, and leaks neither key nor token', async () => {
    world = await startLocalApi({ kind: 'google', accessTokenTtl: 3600 }, ['google_gmail', 'google_drive']);
    const { h, key } = world;
    const connection = await h.connect('google_gmail');
    await h.connect('google_drive');
    const seen: string[] = [];
    const wrong: string[] = [];
    const client = async (c: number) => {
      for (let i = 0; i < PER_CLIENT; i += 1) {
        // Alternate the forms: path-based by service id to an API that checks the token (and so
        // makes the proxy refresh once the tokens die), path-based by connection id, body-based.
        const form = (c + i) % 3;
        let response: Response;
        if (form === 0) {
          response = await world!.call(`/api/services/google_gmail/request/users/me/profile`);
        } else if (form === 1) {
          response = await world!.call(`/api/connections/${connection.id}/request/test/echo?c=${c}&i=${i}`);
        } else {
          response = await world!.call(`/api/connections/${connection.id}/request`, {
            method: 'POST',
            body: JSON.stringify({ method: 'POST', url: '/test/echo', query: { c: String(c), i: String(i) }, data: { c, i } }),
          });
        }
        const text = await response.text();
        seen.push(JSON.stringify([...response.headers]), text);
        const json = JSON.parse(text) as { query?: Record<string, string>; bearerPresented?: boolean; emailAddress?: string };
        const ok =
          response.status === 200 &&
          (form === 0
            ? json.emailAddress === 'ada@example.com'
            : json.bearerPresented === true && json.query?.c === String(c) && json.query?.i === String(i));
        if (!ok) wrong.push(`${c}/${i}: ${response.status} ${text.slice(0, 200)}`);
        // Half way, every access token dies: the proxy refreshes once and replays.
        if (c === 0 && i === PER_CLIENT / 2) h.peer.revokeAccessTokens();
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_v, c) => client(c)));
    expect(wrong).toEqual([]);
    expect(seen.length).toBe(CLIENTS * PER_CLIENT * 2);
    expect(h.peer.stats.token.refresh_token).toBeGreaterThan(0);

    const log = await h.core.invoke('localApi.log', {});
    expect(log).toHaveLength(500);
    expect(log.every((e) => e.status === 200 && e.keyName === 'test script')).toBe(true);

    // curl's view of the same, and the other endpoints, for the leak check.
    for (const path of ['/api/connections', `/api/connections/${connection.id}`, '/api/services/google_drive/request/about?fields=user']) {
      const r = await curl(['-H', `Authorization: Bearer ${key.key}`, `${world.base}${path}`]);
      expect(r.status, path).toBe(200);
      seen.push(r.headers, r.body);
    }
    const secrets = [
      key.key,
      key.key.slice(4),
      ...h.peer.api.seenTokens,
      ...h.peer.stats.tokenRequests.flatMap((r) => (r.refreshToken ? [r.refreshToken] : [])),
    ];
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    const everywhere = [
      seen.join('\n'),
      JSON.stringify(log),
      JSON.stringify(h.events),
      JSON.stringify(await h.core.invoke('localApi.keys.list', {})),
      JSON.stringify(await h.core.invoke('localApi.status', {})),
      readAllFiles(h.dataDir),
    ].join('\n');
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(10);
      expect(everywhere.includes(secret)).toBe(false);
    }
  });
});
