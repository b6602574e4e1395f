// resolveInside on its own: the protocol handler clamps its URL paths with normalize() first, but
// the exported function must keep any caller inside the root, relative inputs included.
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside } from '../../src-main/shell/app-protocol';

const root = join(sep, 'srv', 'junction', 'renderer');

describe('resolveInside', () => {
  it.each([
    '../secret.txt',
    '..',
    '../',
    '../../etc/passwd',
    'assets/../../secret.txt',
    '%2e%2e/secret.txt',
    '%2E%2E%2Fsecret.txt',
    'assets/%2e%2e/%2e%2e/secret.txt',
    `..${sep}renderer-other${sep}index.html`,
  ])('refuses %s, which names a file outside the root', (path) => {
    expect(resolveInside(root, path)).toBeUndefined();
  });

  it.each([
    ['%E0%A4%A', 'a broken percent-encoding'],
    ['index.html%00.js', 'a NUL byte'],
    ['\0', 'a bare NUL byte'],
    ['./', 'the root directory itself'],
  ])('refuses %s (%s)', (path) => {
    expect(resolveInside(root, path)).toBeUndefined();
  });

  it.each([
    ['', 'index.html'],
    ['/', 'index.html'],
    ['.', 'index.html'],
    ['index.html', 'index.html'],
    ['/assets/app.js', 'assets/app.js'],
    ['assets/app.js', 'assets/app.js'],
    ['assets/../index.html', 'index.html'],
    ['/../../etc/passwd', 'etc/passwd'],
    ['%2fassets%2fapp.js', 'assets/app.js'],
    // Leading slashes and backslashes are all stripped, not just the first.
    ['/%5Cindex.html', 'index.html'],
    // Names that merely begin with two dots stay inside.
    ['..foo', '..foo'],
    ['/..%20/x.js', '.. /x.js'],
  ])('maps %s to <root>/%s', (path, inside) => {
    expect(resolveInside(root, path)).toBe(join(root, inside));
  });
});
