// Bundles the shell's test build (test/support/electron-test-main.ts) to out/test-main/, beside the
// product's out/main/ so it finds the same out/preload and out/renderer. Dependencies stay external,
// as electron-vite leaves them for the product. `npm test` runs it after `electron-vite build`.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'out/test-main');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };

mkdirSync(outDir, { recursive: true });
await build({
  entryPoints: [join(root, 'test/support/electron-test-main.ts')],
  outfile: join(outDir, 'main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  external: ['electron', ...Object.keys(pkg.dependencies ?? {})],
  logLevel: 'warning',
});
// `electron out/test-main` starts this file; the name keeps it apart from an installed Junction.
writeFileSync(join(outDir, 'package.json'), `${JSON.stringify({ name: 'junction-test', type: 'module', main: 'main.js' }, null, 2)}\n`);
