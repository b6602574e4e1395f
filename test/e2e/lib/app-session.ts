// One window of the app for a test: its own data directory, a real core created in this process
// against the OAuth peers, the built renderer in a Chromium page with `window.junction` wired to
// that core, and a "system browser" that is a second page of the same Chromium.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createCore, type CoreOptions } from '../../../src-main/core/index';
import { createTestCipher } from '../../support/cipher';
import { makeTempDir, removeTempDir } from '../../support/temp-dir';
import { installBridge, pushEvent } from './page-bridge';

export const SCREENSHOT_DIR = 'test-results';

export interface AppSession {
  page: Page;
  context: BrowserContext;
  /** The core behind the window, for a test's own checks. */
  invoke(channel: string, payload?: unknown): Promise<unknown>;
  /** URLs the core asked the system browser to open, in order. */
  opened: string[];
  /** The pages the system browser opened them in. */
  browserPages: Page[];
  /** Resolves with the next URL the core opens. */
  nextOpened(): Promise<string>;
  screenshot(name: string, target?: Page): Promise<string>;
  close(): Promise<void>;
}

export interface SessionOptions {
  browser: Browser;
  appUrl: string;
  core: Omit<CoreOptions, 'dataDir' | 'cipher' | 'openExternal'> & { cipher?: CoreOptions['cipher'] };
  /** Open the sign-in page at once (default), or let the test do it with `nextOpened()`. */
  autoBrowse?: boolean;
  colorScheme?: 'light' | 'dark';
  /** A data directory to open (and keep on close), as after a restart; default a fresh one, removed on close. */
  dataDir?: string;
}

export async function openApp(options: SessionOptions): Promise<AppSession> {
  const dataDir = options.dataDir ?? makeTempDir('junction-e2e-');
  const context = await options.browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: options.colorScheme ?? 'light' });
  const opened: string[] = [];
  const browserPages: Page[] = [];
  const waiters: ((url: string) => void)[] = [];
  const front: { page?: Page } = {};
  const browse = (url: string) => {
    void context.newPage().then(async (p) => {
      browserPages.push(p);
      await p.goto(url).catch(() => undefined);
      // The person comes back to Junction: a page left behind the browser gets no animation
      // frames, and every later click on it would wait about 2 s for one.
      await front.page?.bringToFront().catch(() => undefined);
    });
  };
  const { cipher, ...rest } = options.core;
  const core = await createCore({
    ...rest,
    dataDir,
    cipher: cipher ?? createTestCipher(),
    openExternal(url) {
      opened.push(url);
      for (const resolve of waiters.splice(0)) resolve(url);
      if (options.autoBrowse !== false) browse(url);
    },
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(options.appUrl).origin });
  const page = await context.newPage();
  front.page = page;
  page.on('pageerror', (error) => console.error('[page error]', error.message));
  const unsubscribe = core.onEvent((event) => void pushEvent(page, event));
  await installBridge(page, (channel, payload) => core.invokeUntrusted(channel, payload));
  await page.goto(options.appUrl);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    page,
    context,
    invoke: (channel, payload = {}) => core.invokeUntrusted(channel, payload),
    opened,
    browserPages,
    nextOpened: () => new Promise((resolve) => waiters.push(resolve)),
    async screenshot(name, target = page) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await target.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      unsubscribe();
      await context.close();
      await core.close();
      if (!options.dataDir) removeTempDir(dataDir);
    },
  };
}

/** Opens a URL in a new page of the session's browser, as the system browser would. */
export async function browseTo(session: AppSession, url: string): Promise<Page> {
  const p = await session.context.newPage();
  session.browserPages.push(p);
  await p.goto(url);
  return p;
}
