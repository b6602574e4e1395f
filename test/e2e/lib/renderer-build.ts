// The built renderer. `npm test` runs `electron-vite build` first; a lone run of these tests
// builds the renderer alone when out/renderer is missing, with electron-vite's renderer defaults
// (no minification, no modulepreload polyfill) so that sizes match what the app ships.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const RENDERER_DIR = resolve('out/renderer');

export async function ensureRendererBuilt(force = false): Promise<string> {
  if (!force && existsSync(resolve(RENDERER_DIR, 'index.html'))) return RENDERER_DIR;
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  await build({
    configFile: false,
    root: resolve('src-renderer'),
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: {
      outDir: RENDERER_DIR,
      emptyOutDir: true,
      minify: false,
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
      rollupOptions: { input: resolve('src-renderer/index.html') },
    },
  });
  return RENDERER_DIR;
}
