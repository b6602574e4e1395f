// electron-builder really packs the app (Linux `dir` target), offline: a stand-in Electron
// distribution replaces the release zip it would download, and the fuse step, which needs a real
// Electron binary, is the only one left out (the fuse values are checked in
// electron-builder-config.test.ts). The result must hold exactly what the app loads at run time:
// the three bundles, package.json, every package the main bundle imports, the window icon beside
// app.asar, and no sources or tests. Linux only; needs the build (npm test builds first).
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listPackage } from '@electron/asar';
import { Platform, build } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeAllTempDirs } from '../support/temp-dir';

const root = resolve(import.meta.dirname, '../..');
const mainBundle = join(root, 'out/main/main.js');

function skipReason(): string | undefined {
  if (process.platform !== 'linux') return 'packs the Linux `dir` target, which needs a Linux host';
  if (!existsSync(mainBundle)) return 'no build in out/ (run `npm run build`; `npm test` does it first)';
  return undefined;
}
const reason = skipReason();
if (reason) console.warn(`[test/shell/package-dir] skipped: ${reason}`);

/** Bare package names the built main process imports at run time (Electron and Node built-ins aside). */
function runtimeImports(): string[] {
  const code = readFileSync(mainBundle, 'utf8');
  const names = new Set<string>();
  const specifiers = [...code.matchAll(/^import\s[^;]*?from\s*"([^"]+)";?$/gm), ...code.matchAll(/\bimport\("([^"]+)"\)/g)].map(
    (match) => match[1] ?? '',
  );
  for (const specifier of specifiers) {
    if (
      specifier === 'electron' ||
      specifier.startsWith('node:') ||
      !/^(@[\w.-]+\/)?[\w.-]+(\/.*)?$/.test(specifier) ||
      specifier.startsWith('.')
    )
      continue;
    const parts = specifier.split('/');
    names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier));
  }
  return [...names].sort();
}

describe.skipIf(reason !== undefined)('electron-builder packs the app', () => {
  let unpacked: string;
  let files: string[];

  beforeAll(async () => {
    const work = makeTempDir('junction-pack-');
    const fakeElectron = join(work, 'electron-dist');
    mkdirSync(fakeElectron);
    writeFileSync(join(fakeElectron, 'electron'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(fakeElectron, 'electron'), 0o755);
    const output = join(work, 'dist');
    await build({
      projectDir: root,
      targets: Platform.LINUX.createTarget('dir'),
      config: {
        electronDist: fakeElectron,
        electronVersion: '45.4.1',
        // Flipping fuses needs a real Electron binary; their values are tested from the config.
        electronFuses: null,
        directories: { output },
      },
    });
    unpacked = join(output, 'linux-unpacked');
    files = listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((file) => file.replaceAll('\\', '/'));
  }, 180_000);

  afterAll(() => removeAllTempDirs());

  it('puts the three bundles and package.json into app.asar', () => {
    for (const file of ['/out/main/main.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json'])
      expect(files).toContain(file);
  });

  it('includes every package the main bundle imports at run time', () => {
    const imports = runtimeImports();
    expect(imports).toEqual(expect.arrayContaining(['electron-store', 'zod']));
    for (const name of imports) expect(files, name).toContain(`/node_modules/${name}/package.json`);
  });

  it('leaves sources, tests, docs, build tools and source maps out', () => {
    for (const prefix of [
      '/src-main',
      '/src-preload',
      '/src-renderer',
      '/test',
      '/docs',
      '/resources',
      '/scripts',
      '/node_modules/electron/',
      '/node_modules/electron-builder/',
      '/node_modules/vitest/',
      '/node_modules/typescript/',
    ]) {
      expect(
        files.filter((file) => file.startsWith(prefix)),
        prefix,
      ).toEqual([]);
    }
    expect(files.filter((file) => file.startsWith('/out/') && file.endsWith('.map'))).toEqual([]);
  });

  it('names the executable junction and puts the window icon beside app.asar', () => {
    expect(existsSync(join(unpacked, 'junction'))).toBe(true);
    expect(readFileSync(join(unpacked, 'resources', 'icon.png')).equals(readFileSync(join(root, 'resources', 'icon.png')))).toBe(true);
  });
});
