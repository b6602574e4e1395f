import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * The page's own CSP meta (no inline scripts) would block Vite's inline React-refresh preamble and
 * HMR socket in `npm run dev`; there the session's CSP header (relaxed for the dev server by the
 * shell) is the policy. Built pages keep the meta.
 */
const devServerCsp: Plugin = {
  name: 'junction-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, ''),
};

/**
 * How the main process is bundled (docs/architecture.md, "Start-up"): every dependency inlined,
 * tree-shaken and minified, so start-up reads a few files instead of resolving hundreds in
 * node_modules, and the package ships no node_modules at all. The engine and the quick actions
 * are separate chunks, loaded by dynamic import() after the window exists.
 * test/support/core-bundle.config.ts builds the core alone the same way to run it against peers.
 */
export const MAIN_BUNDLE = { externalizeDeps: false, minify: true } as const;

/**
 * The window has no Node: @readme/httpsnippet (Copy as…) imports Node's legacy `url` for `parse`
 * and `format`, which the renderer gets from a small WHATWG-based stand-in instead.
 */
export const RENDERER_ALIASES = [{ find: /^url$/, replacement: resolve('src-renderer/lib/snippets/legacy-url.ts') }];

// electron-vite's layout: out/main, out/preload, out/renderer (docs/contract.md).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      ...MAIN_BUNDLE,
      rollupOptions: { input: { main: resolve('src-main/shell/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can `require` only Electron's own modules: zod (the contract's
      // channel list) and everything else must be bundled into the one file, not left external.
      externalizeDeps: false,
      // A sandboxed preload cannot be an ES module.
      rollupOptions: {
        input: { index: resolve('src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react(), devServerCsp],
    resolve: { alias: RENDERER_ALIASES },
    build: {
      outDir: resolve('out/renderer'),
      // electron-vite leaves bundles unminified; React alone is ~45 KB gzip lighter minified.
      minify: true,
      rollupOptions: { input: resolve('src-renderer/index.html') },
    },
  },
});
