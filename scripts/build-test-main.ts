// Bundles the shell's test build (test/support/electron-test-main.ts) to out/test-main/, beside the
// product's out/main/ so it finds the same out/preload and out/renderer. Packages stay external: the
// test build runs from the checkout, beside node_modules (the product inlines them instead, and
// test/core/bundled-core.test.ts runs that bundling against the peers). `npm test` runs it after
// `electron-vite build`.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'out/test-main');

mkdirSync(outDir, { recursive: true });
await build({
  entryPoints: [join(root, 'test/support/electron-test-main.ts')],
  outfile: join(outDir, 'main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  logLevel: 'warning',
  // electron-vite's `?modulePath` (the body worker): the source file, which the core starts through tsx.
  plugins: [
    {
      name: 'module-path-from-source',
      setup(on) {
        on.onResolve({ filter: /\?modulePath$/ }, (args) => ({
          path: `${join(args.resolveDir, args.path.slice(0, -'?modulePath'.length))}.ts`,
          namespace: 'module-path',
        }));
        on.onLoad({ filter: /.*/, namespace: 'module-path' }, (args) => ({
          contents: `export default ${JSON.stringify(args.path)};`,
          loader: 'js',
        }));
      },
    },
  ],
});
// `electron out/test-main` starts this file; the name keeps it apart from an installed Junction.
writeFileSync(join(outDir, 'package.json'), `${JSON.stringify({ name: 'junction-test', type: 'module', main: 'main.js' }, null, 2)}\n`);
