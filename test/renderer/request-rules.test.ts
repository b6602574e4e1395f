// The console's request helpers at their edges: what history keeps of a credential, what the curl
// line says, and how rows become the payload. Plain functions, no React.
import { describe, expect, it } from 'vitest';
import {
  REDACTED,
  buildPayload,
  emptyDraft,
  headerRecord,
  queryRecord,
  redactDraft,
  resolveUrl,
  toCurl,
  type RequestDraft,
} from '../../src-renderer/lib/request';

const row = (key: string, value: string, enabled = true) => ({ key, value, enabled });

describe('redactDraft', () => {
  it.each(['Authorization', 'authorization', ' Proxy-Authorization ', 'COOKIE'])('hides the value of the %s header', (key) => {
    const draft: RequestDraft = { ...emptyDraft(), headers: [row(key, 'Bearer secret-1'), row('X-Trace', 'keep-me')] };
    expect(redactDraft(draft).headers).toEqual([row(key, REDACTED), row('X-Trace', 'keep-me')]);
  });

  it.each(['access_token', 'refresh_token', 'id_token', 'client_secret', ' ACCESS_TOKEN '])(
    'hides the value of the %s query parameter',
    (key) => {
      const draft: RequestDraft = { ...emptyDraft(), query: [row(key, 'secret-2', false), row('q', 'keep-me')] };
      expect(redactDraft(draft).query).toEqual([row(key, REDACTED, false), row('q', 'keep-me')]);
    },
  );

  it('keeps everything else of the draft, and leaves the original alone', () => {
    const draft: RequestDraft = {
      method: 'PATCH',
      url: '/x',
      query: [row('access_token', 't')],
      headers: [row('Cookie', 'c')],
      body: '{"a":1}',
    };
    const safe = redactDraft(draft);
    expect(safe).toMatchObject({ method: 'PATCH', url: '/x', body: '{"a":1}' });
    expect(draft.query[0]?.value).toBe('t');
    expect(draft.headers[0]?.value).toBe('c');
    expect(REDACTED).toBe('[redacted]');
  });
});

describe('toCurl', () => {
  const base = 'https://api.spotify.com/v1';

  it('sends $TOKEN and drops every credential header typed, in any case', () => {
    const curl = toCurl(
      {
        ...emptyDraft(),
        url: '/me',
        headers: [row('authorization', 'Bearer typed'), row('Cookie', 'sid=1'), row('Proxy-Authorization', 'p')],
      },
      base,
    );
    expect(curl).toContain('-H "Authorization: Bearer $TOKEN"');
    expect(curl).not.toMatch(/typed|sid=1|Proxy-Authorization|Cookie/);
  });

  it('quotes a header value and the URL for the shell, one option per line', () => {
    const curl = toCurl(
      { ...emptyDraft(), url: "/search?q=it's", headers: [row('X-A', "a'b"), row('X-Off', 'no', false), row(' ', 'blank key')] },
      base,
    );
    expect(curl.split(' \\\n  ')).toEqual([
      `curl -X GET 'https://api.spotify.com/v1/search?q=it'\\''s'`,
      '-H "Authorization: Bearer $TOKEN"',
      `-H 'X-A: a'\\''b'`,
    ]);
  });

  it('adds a JSON body with its type only for methods with a body, and not when a type is given', () => {
    const withBody = { ...emptyDraft(), method: 'PUT' as const, url: '/x', body: ' {"a":1} ' };
    expect(toCurl(withBody, base)).toContain(`-H 'Content-Type: application/json' \\\n  --data-raw ' {"a":1} '`);
    const typed = toCurl({ ...withBody, headers: [row('content-type', 'application/merge-patch+json')] }, base);
    expect(typed).not.toContain("application/json'");
    expect(typed).toContain(`--data-raw ' {"a":1} '`);
    expect(toCurl({ ...withBody, method: 'GET' }, base)).not.toMatch(/data-raw|Content-Type/);
    expect(toCurl({ ...withBody, body: '   ' }, base)).not.toMatch(/data-raw|Content-Type/);
  });
});

describe('rows and payload', () => {
  it('turns enabled, named query rows into a record, repeated names into lists', () => {
    expect(queryRecord([row(' a ', '1'), row('a', '2'), row('a', '3'), row('b', 'x', false), row('  ', 'y'), row('c', '')])).toEqual({
      a: ['1', '2', '3'],
      c: '',
    });
    expect(headerRecord([row(' X-A ', '1'), row('X-B', '2', false), row('', '3')])).toEqual({ 'X-A': '1' });
  });

  it('resolves a URL with its query rows after the ones it has', () => {
    expect(resolveUrl('https://h/v1//', '//me', [row('a', '1 2'), row('b', 'x', false)])).toBe('https://h/v1/me?a=1+2');
    expect(resolveUrl('https://h/v1', 'HTTP://other/x?y=1', [row('a', '1')])).toBe('HTTP://other/x?y=1&a=1');
    expect(resolveUrl('https://h/v1', ' me ')).toBe('https://h/v1/me');
    // Only a leading scheme makes a URL absolute; inner slashes and query keys' spaces are the caller's.
    expect(resolveUrl('https://h/v1', '/r?to=https://x')).toBe('https://h/v1/r?to=https://x');
    expect(resolveUrl('https://h/v1', 'files/a//b', [row(' k ', 'v')])).toBe('https://h/v1/files/a//b?k=v');
  });

  it('starts from an empty GET draft, and takes a blank body as none', () => {
    expect(emptyDraft()).toEqual({ method: 'GET', url: '', query: [], headers: [], body: '' });
    const blank = buildPayload({ ...emptyDraft(), method: 'POST', url: '/x', body: '  \n ' }, 'c1', 'r1');
    expect(blank.ok && Object.keys(blank.payload)).toEqual(['connectionId', 'method', 'url', 'requestId']);
  });

  it('builds the payload with only what is there, and says what is wrong otherwise', () => {
    expect(buildPayload({ ...emptyDraft(), url: ' /me ' }, 'c1', 'r1')).toEqual({
      ok: true,
      payload: { connectionId: 'c1', method: 'GET', url: '/me', requestId: 'r1' },
    });
    expect(
      buildPayload({ method: 'POST', url: '/x', query: [row('q', '1')], headers: [row('X-A', 'b')], body: '{"a":1}' }, 'c1', 'r1'),
    ).toEqual({
      ok: true,
      payload: {
        connectionId: 'c1',
        method: 'POST',
        url: '/x',
        requestId: 'r1',
        query: { q: '1' },
        headers: { 'X-A': 'b' },
        body: { a: 1 },
      },
    });
    expect(buildPayload({ ...emptyDraft(), method: 'GET', url: '/x', body: '{broken' }, 'c1', 'r1').ok).toBe(true);
    expect(buildPayload({ ...emptyDraft(), method: 'POST', url: '/x', body: '{broken' }, 'c1', 'r1')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^The body is not valid JSON: /),
    });
    expect(buildPayload({ ...emptyDraft(), url: '   ' }, 'c1', 'r1')).toEqual({
      ok: false,
      error: 'Enter a URL, relative to the API base or absolute.',
    });
    expect(buildPayload({ ...emptyDraft(), url: '/a b' }, 'c1', 'r1')).toEqual({
      ok: false,
      error: 'The URL must not contain spaces; put parameters in the Query rows.',
    });
  });
});
