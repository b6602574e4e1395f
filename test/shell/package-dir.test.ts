// electron-builder really packs the app (test/support/pack-dir.ts: Linux `dir` target, offline).
// The result must hold exactly what the app loads at run time: the three bundles with every chunk
// of the main one, package.json, the packages the main bundle imports (none: it inlines them, so
// no node_modules at all), the window icon beside app.asar, and no sources or tests. Linux only;
// needs the build (npm test builds first).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, resolve } from 'node:path';
import { listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packDir } from '../support/pack-dir';
import { makeTempDir, removeAllTempDirs } from '../support/temp-dir';

const root = resolve(import.meta.dirname, '../..');
const mainDir = join(root, 'out/main');
const mainBundle = join(mainDir, 'main.js');

function skipReason(): string | undefined {
  if (process.platform !== 'linux') return 'packs the Linux `dir` target, which needs a Linux host';
  if (!existsSync(mainBundle)) return 'no build in out/ (run `npm run build`; `npm test` does it first)';
  return undefined;
}
const reason = skipReason();
if (reason) console.warn(`[test/shell/package-dir] skipped: ${reason}`);

/** The main bundle's files: main.js and the chunks it imports, as paths under out/main. */
function mainFiles(): string[] {
  return readdirSync(mainDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => file.replaceAll('\\', '/'));
}

/** Every module specifier the built main process imports (static statements and import("…")), all files. */
function importedSpecifiers(): string[] {
  const specifiers = new Set<string>();
  for (const file of mainFiles()) {
    const code = readFileSync(join(mainDir, file), 'utf8');
    // Statement starts only: minified error messages quote `from "x"` too.
    for (const match of code.matchAll(/(?:^|[;}\n])\s*(?:import|export)\b[^;"'`]*?\bfrom\s*["']([^"']+)["']/g))
      specifiers.add(match[1] ?? '');
    for (const match of code.matchAll(/\bimport\(\s*["'`]([^"'`$]+)["'`]\s*\)/g)) specifiers.add(match[1] ?? '');
  }
  return [...specifiers].sort();
}

/** Bare package names among them (Electron, Node built-ins and the bundle's own chunks aside). */
function runtimePackages(specifiers: string[]): string[] {
  const names = new Set<string>();
  for (const specifier of specifiers) {
    if (specifier === 'electron' || isBuiltin(specifier) || specifier.startsWith('.') || !/^(@[\w.-]+\/)?[\w.-]+(\/.*)?$/.test(specifier))
      continue;
    const parts = specifier.split('/');
    names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier));
  }
  return [...names].sort();
}

/** Packages in the archive: node_modules/<name>/package.json or node_modules/@scope/<name>/package.json at the top. */
function packedPackages(files: string[]): string[] {
  return files
    .map((file) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(file)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

describe.skipIf(reason !== undefined)('electron-builder packs the app', () => {
  let unpacked: string;
  let files: string[];

  beforeAll(async () => {
    unpacked = await packDir(makeTempDir('junction-pack-'));
    files = listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((file) => file.replaceAll('\\', '/'));
  }, 180_000);

  afterAll(() => removeAllTempDirs());

  it('puts the three bundles, every chunk of the main one, and package.json into app.asar', () => {
    for (const file of ['/out/main/main.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json'])
      expect(files).toContain(file);
    const chunks = mainFiles();
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(files).toContain(`/out/main/${chunk}`);
  });

  it('holds exactly the packages the main bundle imports at run time: none, as it inlines them', () => {
    const specifiers = importedSpecifiers();
    // The scan sees the imports that are there (so an empty package list means something).
    expect(specifiers).toEqual(expect.arrayContaining(['electron', 'node:fs']));
    expect(specifiers.some((specifier) => specifier.startsWith('./chunks/'))).toBe(true);
    const packages = runtimePackages(specifiers);
    // A package in `dependencies` is packed whole even though the bundle inlines it.
    const hint = 'the main bundle inlines its packages: list them in devDependencies, not dependencies';
    expect(packedPackages(files), hint).toEqual(packages);
    expect(packages, hint).toEqual([]);
    expect(files.filter((file) => file.startsWith('/node_modules/'))).toEqual([]);
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
