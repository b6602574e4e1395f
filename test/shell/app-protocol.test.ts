// app://junction/ serves out/renderer and nothing outside it, always with the CSP.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, createAppProtocolHandler, resolveInside } from '../../src-main/shell/app-protocol';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'junction-proto-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Junction</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'outside');
  // Links inside the root: two leading out of it, one staying in, and a root reached through a link.
  symlinkSync(join(base, 'secret.txt'), join(root, 'leak.txt'));
  symlinkSync(base, join(root, 'assets', 'up'));
  symlinkSync(join(root, 'assets', 'app.js'), join(root, 'alias.js'));
  symlinkSync(root, join(base, 'linked-root'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app protocol handler', () => {
  it('serves the entry page with a strict CSP and the right type', async () => {
    const response = await createAppProtocolHandler(root)(new Request(APP_ENTRY_URL));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await response.text()).toContain('Junction');
  });

  it('serves assets as JavaScript', async () => {
    const response = await createAppProtocolHandler(root)(new Request('app://junction/assets/app.js'));
    expect(response.headers.get('content-type')).toMatch(/text\/javascript/);
  });

  it.each([
    'app://junction/../secret.txt',
    'app://junction/%2e%2e/secret.txt',
    'app://junction/assets/..%2f..%2fsecret.txt',
    'app://junction/%2e%2e%5csecret.txt',
    'app://junction/nothing.js',
    'app://junction/assets',
    'app://other/index.html',
    'app://junction/%00index.html',
  ])('answers 404 for %s', async (url) => {
    const response = await createAppProtocolHandler(root)(new Request(url));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await createAppProtocolHandler(root)(new Request(APP_ENTRY_URL, { method: 'POST', body: 'x' }));
    expect(response.status).toBe(404);
  });

  it('maps the root to index.html and refuses escapes', () => {
    expect(resolveInside(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveInside(root, '/../../etc/passwd')).toBe(join(root, 'etc/passwd'));
    expect(resolveInside(root, '/%E0%A4%A')).toBeUndefined();
  });

  it.each(['../secret.txt', '..', 'assets/../../secret.txt', './../secret.txt', '%2e%2e/secret.txt'])(
    'refuses the relative path %s that escapes the root',
    (path) => {
      expect(resolveInside(root, path)).toBeUndefined();
    },
  );

  it.each(['app://junction/leak.txt', 'app://junction/assets/up/secret.txt', 'app://junction/assets/up/linked-root/leak.txt'])(
    'refuses %s, a link whose real path is outside the root',
    async (url) => {
      const response = await createAppProtocolHandler(root)(new Request(url));
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('outside');
    },
  );

  it('serves a link that stays inside the root, and a root reached through a link', async () => {
    const alias = await createAppProtocolHandler(root)(new Request('app://junction/alias.js'));
    expect(alias.status).toBe(200);
    expect(await alias.text()).toBe('console.log(1)');
    const linked = await createAppProtocolHandler(join(base, 'linked-root'))(new Request(APP_ENTRY_URL));
    expect(linked.status).toBe(200);
  });
});
