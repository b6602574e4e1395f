// One cold start of a built main bundle under plain Node, for scripts/bench/startup.ts: `electron`
// resolves to the stand-in beside this file, `ready` fires once the bundle has been evaluated (as
// Electron fires it after the entry script), and the renderer's first call, services.list, is
// made the moment the window exists. Prints one JSON line of timings (ms since process start).
// Usage: node --expose-gc child.mjs <main bundle>
import module from 'node:module';
import { pathToFileURL } from 'node:url';

const standIn = new URL('./electron-stand-in.mjs', import.meta.url).href;
const redirect = (specifier, context, next) => (specifier === 'electron' ? { url: standIn, shortCircuit: true } : next(specifier, context));
if (module.registerHooks) {
  // In-thread and synchronous (Node ≥ 22.15): no loader thread to start.
  module.registerHooks({ resolve: redirect });
} else {
  const hooks = `export async function resolve(s, c, n) { return s === 'electron' ? { url: ${JSON.stringify(standIn)}, shortCircuit: true } : n(s, c); }`;
  module.register(`data:text/javascript,${encodeURIComponent(hooks)}`);
}

const harnessStarted = performance.now();
const electron = await import(standIn);
const entry = process.argv[2];
if (!entry) throw new Error('usage: child.mjs <main bundle>');
await import(pathToFileURL(entry).href);
const bundleEvaluated = performance.now();
electron.app.fireReady();

const window = await electron.windowConstructed;
const handler = await electron.handlerFor('services.list');
const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
const envelope = await handler(event, {});
const servicesListed = performance.now();
if (!envelope?.ok || !Array.isArray(envelope.data)) throw new Error(`services.list answered ${JSON.stringify(envelope)}`);

globalThis.gc?.();
const { heapUsed, rss } = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    harnessStarted,
    bundleEvaluated,
    windowConstructed: electron.marks.windowConstructed,
    servicesListed,
    heapUsed,
    rss,
    services: envelope.data.length,
  })}\n`,
);
process.exit(0);
