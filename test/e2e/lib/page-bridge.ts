// Installs `window.junction` in a Playwright page before the app's scripts run. The object is the
// preload's own `createBridge` (src-preload/bridge.ts, bundled for the page), and its transport is
// a function exposed from the test process that calls `invoke` there and answers with the shell's
// `{ ok, data | error }` envelope, exactly as `ipcMain.handle` does in the app.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { CoreEvent, Envelope } from '../../../src-shared/types';

export type TestInvoke = (channel: string, payload: unknown) => Promise<unknown>;

let bundled: Promise<string> | undefined;

/** src-preload/bridge.ts as one IIFE defining `JunctionPreloadBridge`. */
function bridgeScript(): Promise<string> {
  bundled ??= (async () => {
    const { build } = await import('vite');
    const output = await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        write: false,
        minify: false,
        lib: { entry: resolve('src-preload/bridge.ts'), formats: ['iife'], name: 'JunctionPreloadBridge', fileName: 'bridge' },
      },
    });
    const results = Array.isArray(output) ? output : [output];
    for (const result of results) {
      if (!('output' in result)) continue;
      const chunk = result.output.find((o) => o.type === 'chunk');
      if (chunk && chunk.type === 'chunk') return chunk.code;
    }
    throw new Error('Bundling src-preload/bridge.ts gave no code');
  })();
  return bundled;
}

function toEnvelope(invoke: TestInvoke): (channel: string, payload: unknown) => Promise<Envelope> {
  return async (channel, payload) => {
    try {
      return { ok: true, data: await invoke(channel, payload) };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: typeof code === 'string' ? (code as never) : 'provider_error', message } };
    }
  };
}

export async function installBridge(page: Page, invoke: TestInvoke): Promise<void> {
  await page.exposeFunction('__junctionInvoke', toEnvelope(invoke));
  const script = await bridgeScript();
  await page.addInitScript({
    content: `${script}
;(() => {
  const listeners = new Set();
  window.__junctionEmit = (event) => { for (const listener of [...listeners]) listener(event); };
  window.junction = JunctionPreloadBridge.createBridge(
    (channel, payload) => window.__junctionInvoke(channel, payload),
    (listener) => { listeners.add(listener); return () => listeners.delete(listener); },
  );
})();`,
  });
}

/** Pushes a core event into the page, as `webContents.send` does in the app. */
export async function pushEvent(page: Page, event: CoreEvent): Promise<void> {
  if (page.isClosed()) return;
  await page
    .evaluate((e) => (globalThis as unknown as { __junctionEmit?: (ev: unknown) => void }).__junctionEmit?.(e), event)
    .catch(() => undefined);
}
