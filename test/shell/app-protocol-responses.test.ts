// What app://junction/ answers, header by header: the type of every kind of file it serves, HEAD,
// and the 404 it gives for everything else, including a directory asked for with HEAD.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../../src-main/shell/session-policy';

const TYPES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'a.js': 'text/javascript; charset=utf-8',
  'a.mjs': 'text/javascript; charset=utf-8',
  'a.css': 'text/css; charset=utf-8',
  'a.json': 'application/json; charset=utf-8',
  'a.svg': 'image/svg+xml',
  'a.png': 'image/png',
  'a.ico': 'image/x-icon',
  'a.woff2': 'font/woff2',
  'a.woff': 'font/woff',
  'a.txt': 'text/plain; charset=utf-8',
  'a.js.map': 'application/json; charset=utf-8',
  'UPPER.PNG': 'image/png',
  'a.wasm': 'application/octet-stream',
  'no-extension': 'application/octet-stream',
};

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'junction-proto-types-'));
  mkdirSync(join(root, 'assets'));
  for (const name of Object.keys(TYPES)) writeFileSync(join(root, name), `content of ${name}`);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

// The module is loaded afresh for each request: its MIME table is built when it loads, and Stryker
// can switch a mutant of it on only in a module loaded after the test began (docs/testing.md).
async function handle(url: string, method = 'GET'): Promise<Response> {
  vi.resetModules();
  const { createAppProtocolHandler } = await import('../../src-main/shell/app-protocol');
  return createAppProtocolHandler(root)(new Request(url, { method }));
}

describe('app protocol responses', () => {
  it('names its scheme, origin and entry page app, app://junction and app://junction/index.html', async () => {
    vi.resetModules();
    const protocol = await import('../../src-main/shell/app-protocol');
    expect([protocol.APP_SCHEME, protocol.APP_HOST, protocol.APP_ORIGIN, protocol.APP_ENTRY_URL]).toEqual([
      'app',
      'junction',
      'app://junction',
      'app://junction/index.html',
    ]);
    expect(protocol.APP_SCHEME_PRIVILEGES.scheme).toBe('app');
  });

  it.each(Object.entries(TYPES))('serves %s as %s, with the CSP, nosniff and no-cache', async (name, type) => {
    const response = await handle(`app://junction/${name}`);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toEqual({
      'content-type': type,
      'content-security-policy': contentSecurityPolicy({ dev: false }),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
    expect(await response.text()).toBe(`content of ${name}`);
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await handle('app://junction/a.css', 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await response.text()).toBe('');
  });

  it.each([
    ['app://junction/assets', 'GET'],
    ['app://junction/assets', 'HEAD'],
    ['app://junction/missing.js', 'HEAD'],
    ['app://junction/a.js', 'PUT'],
    ['app://junction/a.js', 'DELETE'],
  ])('answers %s (%s) with a plain 404', async (url, method) => {
    const response = await handle(url, method);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('Not found');
  });
});
