// Where a console request may go with a token: the allowlist on its own, with the real services'
// origins (no peer), so a look-alike host cannot slip through a check that only api-proxy tests use.
import { describe, expect, it } from 'vitest';
import { Catalog, type ResolvedService } from '../../src-main/core/config';
import { assertAllowed, resolveRequestUrl } from '../../src-main/core/proxy/resolve-url';

const real = new Catalog({});
const gmail = real.service('google_gmail');
const spotify = real.service('spotify');
const local = new Catalog({ services: { google_drive: { apiBaseUrl: 'http://127.0.0.1:4100/drive/v3/' } } }).service('google_drive');

function refusal(service: ResolvedService, url: string): { code?: string; message: string } | undefined {
  try {
    assertAllowed(service, new URL(url));
    return undefined;
  } catch (error) {
    return error as { code?: string; message: string };
  }
}

function resolveError(service: ResolvedService, raw: string): { code?: string; message: string } {
  try {
    resolveRequestUrl(service, raw);
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error(`expected ${raw} to be refused`);
}

describe('assertAllowed', () => {
  it.each([
    'https://gmail.googleapis.com/gmail/v1/users/me/profile',
    'https://www.googleapis.com/upload/gmail/v1/users/me/messages',
    'https://GMAIL.googleapis.com:443/x',
  ])('lets %s through', (url) => {
    expect(refusal(gmail, url)).toBeUndefined();
  });

  it.each([
    // Look-alikes: a suffix, a prefix, a parent and a child of an allowed host are other hosts.
    'https://evil-www.googleapis.com/x',
    'https://evilgmail.googleapis.com/x',
    'https://www.googleapis.com.evil.example/x',
    'https://gmail.googleapis.com.evil.example/x',
    'https://googleapis.com/x',
    'https://sub.gmail.googleapis.com/x',
    'https://api.spotify.com/v1/me',
    // The right host on the wrong scheme or port.
    'http://gmail.googleapis.com/x',
    'https://gmail.googleapis.com:8443/x',
    'wss://gmail.googleapis.com/x',
  ])('refuses %s, naming the origin and the allowed ones', (url) => {
    const error = refusal(gmail, url);
    expect(error?.code).toBe('host_not_allowed');
    expect(error?.message).toContain(`${new URL(url).origin} is not one of them`);
    expect(error?.message).toBe(
      `Junction sends your Gmail token only to https://gmail.googleapis.com, https://www.googleapis.com; ${new URL(url).origin} is not one of them. Use a URL relative to https://gmail.googleapis.com/gmail/v1.`,
    );
  });

  it.each(['https://user:pass@gmail.googleapis.com/x', 'https://user@gmail.googleapis.com/x', 'https://:pass@gmail.googleapis.com/x'])(
    'refuses credentials in %s, even on an allowed origin',
    (url) => {
      const error = refusal(gmail, url);
      expect(error?.code).toBe('host_not_allowed');
      expect(error?.message).toContain('; an address with a user name or password in it is not one of them.');
    },
  );

  it.each([
    ['file:///etc/passwd', 'a file: address'],
    ['data:text/plain,hi', 'a data: address'],
    ['javascript:alert(1)', 'a javascript: address'],
  ])('refuses %s as %s', (url, words) => {
    const error = refusal(spotify, url);
    expect(error?.code).toBe('host_not_allowed');
    expect(error?.message).toContain(`Junction sends your Spotify token only to https://api.spotify.com; ${words} is not one of them.`);
  });

  it('allows plain http only on a loopback base, and only on its own port', () => {
    expect(refusal(local, 'http://127.0.0.1:4100/drive/v3/files')).toBeUndefined();
    expect(refusal(local, 'https://www.googleapis.com/drive/v3/files')).toBeUndefined();
    for (const url of ['http://127.0.0.1:4101/drive/v3/files', 'http://localhost:4100/drive/v3/files', 'http://[::1]:4100/x']) {
      expect(refusal(local, url)?.code, url).toBe('host_not_allowed');
    }
  });

  it('refuses plain http to a listed origin that is not loopback, however it got on the list', () => {
    // The catalog never lists one (its endpoint check refuses it); this check must not rely on that.
    const listed: ResolvedService = { ...gmail, allowedOrigins: new Set(['http://gmail.googleapis.com', 'http://127.0.0.1:4100']) };
    expect(refusal(listed, 'http://gmail.googleapis.com/x')?.code).toBe('host_not_allowed');
    expect(refusal(listed, 'http://127.0.0.1:4100/x')).toBeUndefined();
    // Nor any other scheme on a loopback address.
    expect(refusal({ ...gmail, allowedOrigins: new Set(['ws://127.0.0.1:4100']) }, 'ws://127.0.0.1:4100/x')?.code).toBe('host_not_allowed');
  });
});

describe('resolveRequestUrl', () => {
  it('appends a relative URL to the base path, however many leading slashes', () => {
    for (const raw of ['users/me/profile', '/users/me/profile', '///users/me/profile']) {
      expect(resolveRequestUrl(gmail, raw).href).toBe('https://gmail.googleapis.com/gmail/v1/users/me/profile');
    }
  });

  it('keeps "//host/x" and a colon in the path on the base', () => {
    expect(resolveRequestUrl(gmail, '//evil.example/x').href).toBe('https://gmail.googleapis.com/gmail/v1/evil.example/x');
    expect(resolveRequestUrl(gmail, 'users/me/messages:batchDelete').href).toBe(
      'https://gmail.googleapis.com/gmail/v1/users/me/messages:batchDelete',
    );
  });

  it('takes an absolute URL on an allowed origin as it is, in any case of scheme', () => {
    expect(resolveRequestUrl(gmail, 'https://www.googleapis.com/batch/gmail/v1').href).toBe('https://www.googleapis.com/batch/gmail/v1');
    expect(resolveRequestUrl(gmail, 'HTTPS://www.googleapis.com/x').href).toBe('https://www.googleapis.com/x');
  });

  it('refuses an absolute URL elsewhere, whatever the case of its scheme', () => {
    expect(resolveError(gmail, 'https://evil-www.googleapis.com/x').code).toBe('host_not_allowed');
    expect(resolveError(gmail, 'HTTPS://evil.example/x').code).toBe('host_not_allowed');
    expect(resolveError(gmail, 'mailto:ada@example.com').code).toBe('host_not_allowed');
    // Any scheme (letters, digits, + . -) makes it absolute, and so refused here.
    expect(resolveError(gmail, 'x-1.b+c:foo').code).toBe('host_not_allowed');
  });

  it('checks a relative URL too, rather than trusting the base to be on the list', () => {
    const unlisted: ResolvedService = { ...gmail, allowedOrigins: new Set(['https://www.googleapis.com']) };
    expect(resolveError(unlisted, '/users/me/profile').code).toBe('host_not_allowed');
  });

  it('answers invalid_input, quoting the URL, for an absolute URL that does not parse', () => {
    const error = resolveError(gmail, 'https://');
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('url: "https://" is not a valid URL.');
  });

  it('appends query values after the ones in the URL, a list as repeated keys', () => {
    const url = resolveRequestUrl(spotify, '/search?type=track', { q: 'a b', market: ['DE', 'FR'] });
    expect(url.href).toBe('https://api.spotify.com/v1/search?type=track&q=a+b&market=DE&market=FR');
    expect(resolveRequestUrl(spotify, '/me').search).toBe('');
  });
});
