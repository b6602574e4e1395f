// The local API under random paths, methods and headers, sent as raw bytes: every answer must be
// a coded JSON error or an API's own answer passed through, the server must stay up, and no key
// or token may appear in any answer.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src-shared/types';
import { removeAllTempDirs } from '../../support/temp-dir';
import { startLocalApi, type LocalApiWorld } from '../local-api-harness';
import { rawRequest } from './raw-http';

const RUNS = process.env.JUNCTION_LONG_TESTS === '1' ? 3_000 : 300;
const CODES: ReadonlySet<string> = new Set(ERROR_CODES);

let world: LocalApiWorld;
let connectionId: string;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  world = await startLocalApi({ kind: 'google' }, ['google_gmail', 'spotify']);
  connectionId = (await world.h.connect('google_gmail')).id;
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await world.h.close();
  removeAllTempDirs();
});

const segment = () =>
  fc.oneof(
    fc.constantFrom('api', 'oauth', 'authorize', 'flows', 'connections', 'services', 'request', 'google_gmail', 'google_drive', 'spotify'),
    fc.constantFrom('..', '.', '', '%', '%zz', '%2F', '%00', 'https:', 'http:', '127.0.0.1:1', 'evil.example', 'test', 'echo', '🙂'),
    fc.constant(connectionId),
    fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 12 }),
  );
const path = fc.oneof(
  fc.array(segment(), { maxLength: 8 }).map((parts) => `/${parts.join('/')}`),
  fc
    .tuple(fc.constantFrom('/api/connections/ID/request/', '/api/services/google_gmail/request/'), fc.array(segment(), { maxLength: 5 }))
    .map(([prefix, rest]) => `${prefix.replace('ID', connectionId)}${rest.join('/')}`),
  fc.constantFrom('*', 'http://evil.example/api/connections', '//api/connections', '/api/connections?x=%zz'),
);
const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'FOO', 'get');
const headerName = fc.oneof(
  fc.constantFrom(
    'Host',
    'Origin',
    'Authorization',
    'Content-Type',
    'Content-Length',
    'Transfer-Encoding',
    'Cookie',
    'X-A',
    'Expect',
    'Accept-Encoding',
  ),
  fc.string({ unit: fc.constantFrom(...'abcxyzABC-_!#'), minLength: 1, maxLength: 10 }),
);
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 });

interface Parsed {
  status: number | null;
  head: string;
  body: string;
}

function parse(text: string): Parsed {
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? NaN) || null, head, body: end < 0 ? '' : text.slice(end + 4) };
}

/** Junction's own error, or what the API said: never anything else. */
function acceptable(answer: Parsed, sentMethod: string): string | null {
  if (answer.status === null) return null; // The socket was closed without an answer (a malformed request).
  // Node's HTTP parser answers unparseable requests itself, with no body.
  if ([400, 408, 413, 431].includes(answer.status) && answer.body === '' && /connection: close/i.test(answer.head)) return null;
  if (answer.status < 400 || sentMethod === 'HEAD') return null;
  let json: { error?: { code?: unknown; message?: unknown } };
  try {
    json = JSON.parse(answer.body) as typeof json;
  } catch {
    return `status ${answer.status} without a JSON body: ${answer.body.slice(0, 200)}`;
  }
  const code = json.error?.code;
  // Junction's errors carry a code of the contract; the fixture API's errors (passed through) a number.
  if (typeof code === 'number') return null;
  if (typeof code !== 'string' || !CODES.has(code) || typeof json.error?.message !== 'string')
    return `not a coded error: ${answer.body.slice(0, 200)}`;
  if (code === 'internal') return `internal error for ${answer.body}`;
  return null;
}

describe('local API fuzzing', () => {
  it('answers random paths, methods and headers with coded JSON errors or the API’s answer, and leaks nothing', async () => {
    const port = Number(new URL(world.base).port);
    const key = world.key.key;
    const answers: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        method,
        path,
        fc.array(fc.tuple(headerName, headerValue), { maxLength: 6 }),
        fc.constantFrom('key', 'none', 'wrong'),
        fc.option(fc.string({ maxLength: 200 })),
        async (m, p, headers, auth, body) => {
          const lines = [`${m} ${p} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close'];
          if (auth === 'key') lines.push(`Authorization: Bearer ${key}`);
          if (auth === 'wrong') lines.push(`Authorization: Bearer jct_${'x'.repeat(43)}`);
          for (const [name, value] of headers) lines.push(`${name}: ${value}`);
          const payload = body === null ? '' : body;
          if (payload && !headers.some(([n]) => /^(content-length|transfer-encoding)$/i.test(n))) {
            lines.push(`Content-Length: ${Buffer.byteLength(payload)}`);
          }
          const answer = await rawRequest(port, `${lines.join('\r\n')}\r\n\r\n${payload}`, 5_000);
          answers.push(answer.text);
          const problem = acceptable(parse(answer.text), m);
          expect(problem, `${m} ${p} ${JSON.stringify(headers)}`).toBeNull();
        },
      ),
      { numRuns: RUNS },
    );
    // Still up, still right.
    const ok = await world.call(`/api/connections/${connectionId}/request/users/me/profile`);
    expect(ok.status).toBe(200);
    expect(unhandled.map(String)).toEqual([]);
    const all = answers.join('\n');
    expect(all).toContain('"code"');
    for (const secret of [key, key.slice(4), ...world.h.peer.api.seenTokens]) expect(all.includes(secret)).toBe(false);
  });
});
