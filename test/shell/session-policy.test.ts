// The session: CSP header on every response, every permission denied (checklist items 5 and 7).
import { describe, expect, it, vi } from 'vitest';
import { applySessionPolicy, contentSecurityPolicy } from '../../src-main/shell/session-policy';

type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders: Record<string, string[]> }) => void,
) => void;

function fakeSession() {
  let headers: HeadersListener | undefined;
  let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
  let check: (() => boolean) | undefined;
  let device: (() => boolean) | undefined;
  const session = {
    webRequest: { onHeadersReceived: vi.fn((listener: HeadersListener) => (headers = listener)) },
    setPermissionRequestHandler: vi.fn((handler: typeof request) => (request = handler)),
    setPermissionCheckHandler: vi.fn((handler: typeof check) => (check = handler)),
    setDevicePermissionHandler: vi.fn((handler: typeof device) => (device = handler)),
  };
  applySessionPolicy(session as unknown as Parameters<typeof applySessionPolicy>[0], contentSecurityPolicy({ dev: false }));
  return { headers: () => headers, request: () => request, check: () => check, device: () => device };
}

describe('contentSecurityPolicy', () => {
  it('is strict in production: own scripts only, no inline, no connections, no frames', () => {
    const csp = contentSecurityPolicy({ dev: false });
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
  });
  it('is exactly this, directive by directive, in production and whenever no dev server is given', () => {
    const strict =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; " +
      "manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'; object-src 'none'; worker-src 'none'";
    expect(contentSecurityPolicy({ dev: false })).toBe(strict);
    expect(contentSecurityPolicy({ dev: false, devServerUrl: 'http://localhost:5173' })).toBe(strict);
    expect(contentSecurityPolicy({ dev: true })).toBe(strict.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"));
    expect(contentSecurityPolicy({ dev: true, devServerUrl: 'http://127.0.0.1:5173/some/path' })).toBe(
      strict
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("connect-src 'none'", "connect-src 'self' ws://127.0.0.1:5173 http://127.0.0.1:5173"),
    );
  });

  it('relaxes only what the Vite dev server needs, in development', () => {
    const csp = contentSecurityPolicy({ dev: true, devServerUrl: 'http://localhost:5173' });
    expect(csp).toContain("connect-src 'self' ws://localhost:5173 http://localhost:5173");
    expect(csp).not.toContain('unsafe-eval');
  });
});

describe('applySessionPolicy', () => {
  it('replaces any CSP a response brings with ours', () => {
    const { headers } = fakeSession();
    const callback = vi.fn();
    headers()?.({ responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } }, callback);
    const sent = callback.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> };
    expect(sent.responseHeaders['Content-Security-Policy']).toEqual([contentSecurityPolicy({ dev: false })]);
    expect(sent.responseHeaders['content-security-policy']).toBeUndefined();
    expect(sent.responseHeaders['Content-Type']).toEqual(['text/html']);
  });

  it('drops a CSP in any case of its name, and adds ours to a response without headers', () => {
    const { headers } = fakeSession();
    const callback = vi.fn();
    headers()?.(
      { responseHeaders: { 'Content-Security-Policy': ['default-src *'], 'CONTENT-SECURITY-POLICY': ['x'], Vary: ['a'] } },
      callback,
    );
    headers()?.({}, callback);
    const csp = [contentSecurityPolicy({ dev: false })];
    expect(callback.mock.calls.map((call) => call[0])).toEqual([
      { responseHeaders: { Vary: ['a'], 'Content-Security-Policy': csp } },
      { responseHeaders: { 'Content-Security-Policy': csp } },
    ]);
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])(
    'denies the %s permission',
    (permission) => {
      const { request, check, device } = fakeSession();
      const callback = vi.fn();
      request()?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check()?.()).toBe(false);
      expect(device()?.()).toBe(false);
    },
  );
});
