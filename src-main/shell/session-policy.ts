// What the session allows the page: a strict Content-Security-Policy (checklist item 7) and no
// permission at all (item 5). Junction's page needs no camera, notifications, geolocation,
// clipboard-read, HID or serial access; it talks to nothing but the main process over IPC, so its
// CSP allows only its own scripts and styles and no network connections.
import type { Session } from 'electron';

/**
 * `connect-src 'none'`: every API call goes through the main process, so the page itself has no
 * business opening connections. In development Vite's client needs its websocket and the React
 * refresh preamble is an inline script, so only then are those two relaxed.
 */
export function contentSecurityPolicy({ dev, devServerUrl }: { dev: boolean; devServerUrl?: string }): string {
  const devOrigin = dev && devServerUrl ? new URL(devServerUrl) : undefined;
  const directives: Record<string, string> = {
    'default-src': "'none'",
    'script-src': dev ? "'self' 'unsafe-inline'" : "'self'",
    'style-src': "'self'",
    'img-src': "'self' data:",
    'font-src': "'self'",
    'connect-src': devOrigin ? `'self' ws://${devOrigin.host} ${devOrigin.origin}` : "'none'",
    'manifest-src': "'self'",
    'base-uri': "'none'",
    'form-action': "'none'",
    'frame-src': "'none'",
    'frame-ancestors': "'none'",
    'object-src': "'none'",
    'worker-src': "'none'",
  };
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'webRequest'>;

/** Applies the CSP header to every response the session sees and denies every permission. */
export function applySessionPolicy(session: SessionLike, csp: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    // Drop whatever CSP a response brought (the dev server sends none) so ours is the only one.
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
