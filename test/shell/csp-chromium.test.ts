// The built renderer under the shell's exact response headers, in real Chromium: the page is
// served by the same handler `protocol.handle('app', …)` uses (so the same CSP header), bridged
// onto loopback HTTP because Playwright's Chromium cannot open app://. The page must render its
// first screen without a single CSP violation. Needs the build (npm test builds first) and a
// Chromium (/usr/bin/chromium or CHROMIUM_PATH); skipped with the reason printed otherwise.
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../src-main/shell/app-protocol';
import { createCore } from '../../src-main/core/index';
import type { Core } from '../../src-main/core/options';
import { createFileCipher } from '../support/file-cipher';
import { chromiumPath, launchChromium } from '../e2e/lib/chromium';
import { installBridge } from '../e2e/lib/page-bridge';
import { makeTempDir, removeAllTempDirs } from '../support/temp-dir';

const root = resolve(import.meta.dirname, '../..');
const rendererDir = join(root, 'out/renderer');
const artifacts = join(root, 'test-results/shell');

function skipReason(): string | undefined {
  if (!existsSync(join(rendererDir, 'index.html')))
    return 'no renderer build in out/renderer (run `npm run build`; `npm test` does it first)';
  if (!chromiumPath()) return 'no Chromium (install it with `apt-get install -y chromium` or set CHROMIUM_PATH)';
  return undefined;
}
const reason = skipReason();
if (reason) console.warn(`[test/shell/csp-chromium] skipped: ${reason}`);

/** The app:// handler behind a loopback HTTP server: same bytes, same headers. */
async function serveLikeAppProtocol(dir: string): Promise<{ url: string; server: Server }> {
  const handle = createAppProtocolHandler(dir);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    handle(new Request(`app://junction${path}`, { method: req.method ?? 'GET' }))
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`, server };
}

describe.skipIf(reason !== undefined)('the built renderer under the shell CSP', () => {
  let browser: Browser;
  let core: Core;
  let served: { url: string; server: Server };

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    const dataDir = makeTempDir('junction-csp-');
    core = await createCore({ dataDir, cipher: createFileCipher(dataDir), openExternal: () => undefined });
    served = await serveLikeAppProtocol(rendererDir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await core?.close();
    await new Promise<void>((ok) => served?.server.close(() => ok()));
    removeAllTempDirs();
  });

  it('renders the first screen with no CSP violation', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.exposeFunction('__reportViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      // This runs in the page; the node tsconfig has no DOM types, hence the narrow casts.
      const scope = globalThis as unknown as {
        document: { addEventListener(type: string, listener: (event: { violatedDirective: string; blockedURI: string }) => void): void };
        __reportViolation(text: string): void;
      };
      scope.document.addEventListener('securitypolicyviolation', (event) =>
        scope.__reportViolation(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    await installBridge(page, (channel, payload) => core.invokeUntrusted(channel, payload));

    const response = await page.goto(served.url);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    const rootHasContent = () => {
      const scope = globalThis as unknown as { document: { getElementById(id: string): { childElementCount: number } | null } };
      return (scope.document.getElementById('root')?.childElementCount ?? 0) > 0;
    };
    await page.waitForFunction(rootHasContent, undefined, { timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(artifacts, 'renderer-under-csp.png') });
    expect(violations).toEqual([]);
  });
});
