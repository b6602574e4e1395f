// The core alone, bundled the way the product's main process is (electron.vite.config.ts,
// MAIN_BUNDLE: dependencies inlined, minified, code-split), for test/core/bundled-core.test.ts.
// The output directory comes from JUNCTION_CORE_BUNDLE_OUT; nothing here reaches out/.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { MAIN_BUNDLE } from '../../electron.vite.config';

const outDir = process.env['JUNCTION_CORE_BUNDLE_OUT'];
if (!outDir) throw new Error('Set JUNCTION_CORE_BUNDLE_OUT to where the core bundle should go.');

export default defineConfig({
  main: {
    build: {
      outDir,
      ...MAIN_BUNDLE,
      rollupOptions: { input: { core: resolve(import.meta.dirname, '../../src-main/core/index.ts') } },
    },
  },
});
