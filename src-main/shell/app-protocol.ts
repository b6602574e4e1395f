// The renderer is served from `app://junction/`, a privileged custom scheme, not `file://`
// (security checklist item 18): a `file://` page may read any file the user can, and every
// local page would share one origin. Here the handler serves exactly the files under
// `out/renderer`, refuses anything that resolves outside it, and gives the page one origin of its
// own that the IPC sender check can recognise. Links are resolved before that check.
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, normalize, relative, isAbsolute, sep } from 'node:path';
import { contentSecurityPolicy } from './session-policy';

export const APP_SCHEME = 'app';
export const APP_HOST = 'junction';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Passed to `protocol.registerSchemesAsPrivileged` before `ready`. `standard` gives the scheme
 * real origins and relative URL resolution; `secure` makes it a secure context like https (so
 * `crypto.subtle` works); `supportFetchAPI` lets module scripts load. No `bypassCSP`: the CSP
 * applies to our own pages too.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
} as const;

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** The file under `root` a request path names, or undefined when it would escape `root`. */
export function resolveInside(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relativePath = normalize(decoded).replace(/^[/\\]+/, '');
  const file = join(root, relativePath === '' || relativePath === '.' ? 'index.html' : relativePath);
  return isBelow(root, file) ? file : undefined;
}

/** Whether `file` lies strictly below `root`, as paths (no link is followed here). */
function isBelow(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** The `protocol.handle` handler for `app://junction/…`, reading from `root` (out/renderer). */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  // Only packaged-style runs use this scheme (development loads the Vite server), so the strict policy.
  const csp = contentSecurityPolicy({ dev: false });
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || (request.method !== 'GET' && request.method !== 'HEAD')) return notFound();
    const file = resolveInside(root, url.pathname);
    if (!file) return notFound();
    try {
      // A link under the root may point anywhere: only a file whose real path (every link
      // resolved) is below the root's real path is served, and it is read by that real path.
      const real = await realpath(file);
      if (!isBelow(await realpath(root), real)) return notFound();
      const info = await stat(real);
      if (!info.isFile()) return notFound();
      const body = request.method === 'HEAD' ? null : await readFile(real);
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
          // Set here as well as by the session: responses of a custom protocol handler do not
          // pass through `webRequest.onHeadersReceived`, and the page must never run without it.
          'content-security-policy': csp,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-cache',
        },
      });
    } catch {
      return notFound();
    }
  };
}
