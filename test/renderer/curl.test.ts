// "Copy as curl" as text: --globoff always, the token only where the core would send it, and every
// value one shell word. test/shell/copy-as-curl.test.ts runs these commands in bash against the peers.
import { describe, expect, it } from 'vitest';
import { shellQuote, toCurl } from '../../src-renderer/lib/curl';
import { emptyDraft, type RequestDraft } from '../../src-renderer/lib/request';
import { resolveTarget, type TargetService } from '../../src-renderer/lib/target';

const GMAIL: TargetService = {
  apiBaseUrl: 'https://gmail.googleapis.com/gmail/v1',
  allowedOrigins: ['https://gmail.googleapis.com', 'https://www.googleapis.com'],
};
const AUTH = '-H "Authorization: Bearer $GOOGLE_TOKEN"';

function draft(patch: Partial<RequestDraft>): RequestDraft {
  return { ...emptyDraft(), ...patch };
}

describe('copy as curl', () => {
  it('writes the request the core sends, with $GOOGLE_TOKEN and never a typed credential', () => {
    const curl = toCurl(
      draft({
        method: 'POST',
        url: '/users/me/messages/send',
        query: [
          { key: 'sendUpdates', value: 'all', enabled: true },
          { key: 'off', value: 'x', enabled: false },
        ],
        headers: [
          { key: 'Authorization', value: 'Bearer typed-secret', enabled: true },
          { key: 'X-Note', value: "it's", enabled: true },
        ],
        body: '{\n  "summary": "Hi"\n}',
      }),
      GMAIL,
    );
    expect(curl).toBe(
      [
        '# Left out, as Junction sets them itself: Authorization.',
        `curl --globoff -X POST 'https://gmail.googleapis.com/gmail/v1/users/me/messages/send?sendUpdates=all' \\`,
        `  ${AUTH} \\`,
        `  -H 'X-Note: it'\\''s' \\`,
        `  -H 'Content-Type: application/json' \\`,
        `  --data-raw '{"summary":"Hi"}'`,
      ].join('\n'),
    );
  });

  it('always turns globbing off, so {a,b} and [1-3] stay one URL', () => {
    for (const url of ['/users/me/messages?q={a,b}', '/files/[1-3]', 'https://www.googleapis.com/drive/v3/files?q=[x]']) {
      const curl = toCurl(draft({ url }), GMAIL);
      expect(curl.startsWith('curl --globoff ')).toBe(true);
      expect(curl).toContain(AUTH);
    }
  });

  it.each([
    ['another host', 'https://evil.example/steal', "evil.example is not one of the service's hosts"],
    [
      'braces over hosts',
      'https://{gmail.googleapis.com,evil.example}/x',
      "{gmail.googleapis.com,evil.example} is not one of the service's hosts",
    ],
    [
      'an allowed host on another port',
      'https://gmail.googleapis.com:8443/x',
      "gmail.googleapis.com:8443 is not one of the service's hosts",
    ],
    ['plain http', 'http://gmail.googleapis.com/x', 'a http: address is not allowed'],
    ['userinfo', 'https://me:pw@gmail.googleapis.com/x', 'an address with a user name or password in it is not allowed'],
    ['a file URL', 'file:///etc/passwd', 'a file: address is not allowed'],
    ['a scheme without slashes', 'https:evil.example/x', "evil.example is not one of the service's hosts"],
    ['a URL that does not parse', 'https://exa mple/', 'it is not a valid URL'],
  ])('gives no Authorization header to %s, and says why', (_what, url, why) => {
    const curl = toCurl(draft({ url }), GMAIL);
    expect(curl).not.toMatch(/-H .?Authorization/i);
    expect(curl).not.toContain('$GOOGLE_TOKEN');
    expect(curl.split('\n')[0]).toBe(`# Junction would refuse this URL: ${why}. So there is no Authorization header here.`);
    expect(curl).toContain('curl --globoff -X GET ');
  });

  it('keeps a relative "//host" on the base, as the core does', () => {
    const curl = toCurl(draft({ url: '//evil.example/x' }), GMAIL);
    expect(curl).toContain(`'https://gmail.googleapis.com/gmail/v1/evil.example/x'`);
    expect(curl).toContain(AUTH);
  });

  it('without the core’s list, allows only the base’s origin', () => {
    expect(toCurl(draft({ url: 'https://www.googleapis.com/x' }), { apiBaseUrl: GMAIL.apiBaseUrl })).not.toContain('$GOOGLE_TOKEN');
    expect(toCurl(draft({ url: 'https://gmail.googleapis.com/x' }), { apiBaseUrl: GMAIL.apiBaseUrl })).toContain(AUTH);
  });

  it('without a connection, adds no token to a relative URL', () => {
    const curl = toCurl(draft({ url: '/x' }), { apiBaseUrl: '' });
    expect(curl).not.toContain('$GOOGLE_TOKEN');
    expect(curl).toContain('no connection is chosen');
  });

  it('keeps a comment on one line whatever the URL holds', () => {
    const curl = toCurl(draft({ url: 'https://evil.example/\ntouch /tmp/pwned' }), GMAIL);
    const comments = curl.split('\n').filter((line) => line.startsWith('#'));
    expect(comments).toHaveLength(1);
    expect(curl).not.toMatch(/^touch/m);
  });

  it('leaves out headers the core would refuse, and sends an empty value as curl needs', () => {
    const curl = toCurl(
      draft({
        url: '/x',
        headers: [
          { key: 'X-Evil', value: 'a\r\nInjected: yes', enabled: true },
          { key: 'Host', value: 'evil.example', enabled: true },
          { key: 'X-Empty', value: '', enabled: true },
          { key: 'x-twice', value: 'a', enabled: true },
          { key: 'X-Twice', value: ' b ', enabled: true },
        ],
      }),
      GMAIL,
    );
    expect(curl).not.toContain('Injected');
    expect(curl).not.toContain('evil.example');
    expect(curl).toContain(`-H 'X-Empty;'`);
    expect(curl).toContain(`-H 'x-twice: a, b'`);
    expect(curl).toContain('# Left out, as Junction sets them itself: Host.');
    expect(curl).toContain('# Left out, as Junction would refuse them (a line break or other control character): X-Evil.');
  });

  it('sends a JSON string body as text, as the core does, and uses --head for HEAD', () => {
    const text = toCurl(draft({ method: 'PUT', url: '/x', body: '"hello"' }), GMAIL);
    expect(text).toContain(`-H 'Content-Type: text/plain;charset=UTF-8'`);
    expect(text).toContain(`--data-raw 'hello'`);
    expect(toCurl(draft({ method: 'HEAD', url: '/x' }), GMAIL)).toContain('curl --globoff --head ');
  });

  it.each([`it's`, `'`, `''`, `$(touch /tmp/x)`, '`id`', `"$HOME"`, `a\\b`, `!event`, `a\nb`, `%s`, `*?[a]`])(
    'quotes %j as one shell word',
    (text) => {
      const quoted = shellQuote(text);
      // Quoted runs and escaped quotes only: in neither is anything special to a POSIX shell.
      expect(quoted).toMatch(/^(?:'[^']*'|\\')+$/);
    },
  );
});

describe('the target URL', () => {
  it('matches the core’s normalization and query order', () => {
    expect(resolveTarget(GMAIL, '/users/me/{a}').url).toBe('https://gmail.googleapis.com/gmail/v1/users/me/%7Ba%7D');
    const rows = [
      { key: 'b', value: '1', enabled: true },
      { key: 'a', value: '2 3', enabled: true },
      { key: 'b', value: '4', enabled: true },
    ];
    expect(resolveTarget(GMAIL, 'https://gmail.googleapis.com/x?z={y}', rows).url).toBe(
      'https://gmail.googleapis.com/x?z=%7By%7D&b=1&b=4&a=2+3',
    );
  });
});

describe('the token variable is named for the provider', () => {
  it('Spotify reads $SPOTIFY_TOKEN, Google $GOOGLE_TOKEN', () => {
    const spotify = { apiBaseUrl: 'https://api.spotify.com/v1', provider: 'spotify' as const };
    expect(toCurl(draft({ url: '/me' }), spotify)).toContain('-H "Authorization: Bearer $SPOTIFY_TOKEN"');
    expect(toCurl(draft({ url: '/me' }), { apiBaseUrl: 'https://api.spotify.com/v1', id: 'spotify' })).toContain('$SPOTIFY_TOKEN');
    expect(toCurl(draft({ url: '/users/me/profile' }), GMAIL)).toContain('-H "Authorization: Bearer $GOOGLE_TOKEN"');
  });
});
