// The built renderer. `npm test` runs `electron-vite build` first; a lone run of these tests (or
// `npm run bench`) builds the renderer alone when out/renderer is missing or stale, as
// electron.vite.config.ts does (minified, no modulepreload polyfill), so that sizes match what the
// app ships.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const RENDERER_DIR = resolve('out/renderer');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The built renderer, rebuilt when missing or older than any file under src-renderer/ or src-shared/. */
export async function ensureRendererBuilt(force = false): Promise<string> {
  const index = resolve(RENDERER_DIR, 'index.html');
  const sources = Math.max(newestSource(resolve('src-renderer')), newestSource(resolve('src-shared')));
  if (!force && existsSync(index) && statSync(index).mtimeMs >= sources) return RENDERER_DIR;
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  const { RENDERER_ALIASES } = await import('../../../electron.vite.config');
  await build({
    configFile: false,
    root: resolve('src-renderer'),
    base: './',
    plugins: [react()],
    resolve: { alias: RENDERER_ALIASES },
    logLevel: 'warn',
    build: {
      outDir: RENDERER_DIR,
      emptyOutDir: true,
      minify: true,
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
      rollupOptions: { input: resolve('src-renderer/index.html') },
    },
  });
  return RENDERER_DIR;
}
