import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * electron-vite's `?modulePath` (a file bundled apart, given as its path: the body worker) answered
 * with the source file itself; the core starts a .ts worker through tsx.
 */
const modulePathFromSource: Plugin = {
  name: 'junction-module-path-from-source',
  enforce: 'pre',
  async resolveId(id, importer) {
    if (!id.endsWith('?modulePath')) return null;
    const resolved = await this.resolve(id.slice(0, -'?modulePath'.length), importer, { skipSelf: true });
    return resolved ? `\0module-path:${resolved.id}` : null;
  },
  load(id) {
    return id.startsWith('\0module-path:') ? `export default ${JSON.stringify(id.slice('\0module-path:'.length))};` : null;
  },
};

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [modulePathFromSource],
        test: {
          name: 'node',
          include: [
            'test/core/**/*.test.ts',
            'test/shell/**/*.test.ts',
            'test/electron/**/*.test.ts',
            'test/docs/**/*.test.ts',
            'test/lint/**/*.test.ts',
          ],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        // The window's bundle runs Copy as… on the `url` stand-in (RENDERER_ALIASES in
        // electron.vite.config.ts, which this config does not import: Vite's native loader would not
        // take an import without its extension); so do its tests.
        resolve: { alias: [{ find: /^url$/, replacement: resolve('src-renderer/lib/snippets/legacy-url.ts') }] },
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          testTimeout: 15_000,
        },
      },
      {
        plugins: [modulePathFromSource],
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
