// Installs `window.junction` in a Playwright page before the app's scripts run. The object is the
// preload's own `createBridge` (src-preload/bridge.ts, bundled for the page), and its transport is
// a function exposed from the test process that calls `invoke` there and answers with the shell's
// `{ ok, data | error }` envelope (its own `toEnvelope`), exactly as `ipcMain.handle` does in the app.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { toEnvelope } from '../../../src-main/shell/ipc';
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

/** The shell's own envelope (src-main/shell/ipc.ts), so the page sees what the app's window sees: missingScopes included. */
function envelopes(invoke: TestInvoke): (channel: string, payload: unknown) => Promise<Envelope> {
  const log = {
    warn: (message: string) => console.warn('[e2e ipc]', message),
    error: (message: string) => console.error('[e2e ipc]', message),
  };
  return (channel, payload) => toEnvelope(() => invoke(channel, payload), log, channel);
}

export async function installBridge(page: Page, invoke: TestInvoke): Promise<void> {
  await page.exposeFunction('__junctionInvoke', envelopes(invoke));
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
