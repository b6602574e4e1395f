// The window's side of big answers for `npm run bench`: the built renderer in Chromium over the
// real core (in this process) and a loopback peer serving 10, 100 and 200 MiB JSON answers. Per
// size: last byte → the tree's first screen painted, the longest main-thread task of the window
// (PerformanceObserver 'longtask') while it loads, expands, scrolls and searches, Ctrl+F → "n of
// N" shown, and the window's JS heap. The main process's side (peak RSS, the worker's search) is
// scripts/bench/bodies.ts.
import type { Page } from 'playwright-core';
import { bigJson } from '../../test/support/big-bodies';
import type { ApiRequest } from '../../test/support/resource-server';
import { startHarness } from '../../test/core/harness';
import { launchChromium } from '../../test/e2e/lib/chromium';
import { installBridge, pushEvent } from '../../test/e2e/lib/page-bridge';
import { ensureRendererBuilt } from '../../test/e2e/lib/renderer-build';
import { serveDirectory } from '../../test/e2e/lib/static-server';
import type { BenchRow } from './types';

const MiB = 1024 * 1024;
const SIZES = process.env['JUNCTION_BENCH_VIEWER_SIZES']?.split(',').map(Number) ?? [10, 100, 200];
const LONG_TASK_GOAL_MS = 100;
const FIRST_SCREEN_GOAL_MS = 1500;

// Runs in the page before the app: long tasks as they happen, and a "painted" marker on the
// wall clock (Date.now), which this process shares, to compare with the peer's last byte.
const OBSERVE = `(() => {
  window.__long = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  window.__painted = (selector, pattern) => new Promise((resolve) => {
    const check = () => {
      // Any element of the selector whose text matches: the tree's toggles carry their names as text.
      const re = pattern ? new RegExp(pattern) : null;
      if (![...document.querySelectorAll(selector)].some((el) => !re || re.test(el.textContent))) return false;
      requestAnimationFrame(() => setTimeout(() => resolve(Date.now()), 0));
      return true;
    };
    if (check()) return;
    const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  });
})();`;

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The longest task since the last call, in ms. */
async function longestTask(page: Page): Promise<number> {
  return page.evaluate<number>('(() => { const m = Math.max(0, ...window.__long); window.__long = []; return m; })()');
}

async function heapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / MiB;
}

interface Run {
  bytes: number;
  firstScreenMs: number;
  treeMs: number;
  searchMs: number;
  matches: string;
  longest: Record<'load' | 'expand' | 'scroll' | 'search', number>;
  heap: number;
}

async function measure(page: Page, size: number, lastByte: { at: number }): Promise<Run> {
  const bytes = bigJson(size * MiB).length;
  const response = page.getByRole('region', { name: 'Response' });
  await page.getByLabel('URL', { exact: true }).fill(`/bench/viewer.json?bytes=${size * MiB}`);
  await longestTask(page);
  await page.getByRole('button', { name: 'Send' }).click();
  // The last answer's body leaves the page when the request goes out; watch for the new one after.
  await page.locator('.waiting').waitFor();
  const firstScreen = page.evaluate<number>(`window.__painted('.first-page-text, .json-tree .v-row')`);
  const tree = page.evaluate<number>(`window.__painted('.json-tree button.j-toggle', 'Expand items')`);
  const firstScreenMs = (await firstScreen) - lastByte.at;
  const treeMs = (await tree) - lastByte.at;
  await settle(500);
  const load = await longestTask(page);

  const expanded = page.evaluate<number>(`window.__painted('.json-tree button.j-toggle', 'Expand 0,')`);
  await response.getByRole('button', { name: /^Expand items/ }).click();
  await expanded;
  await settle(300);
  const expand = await longestTask(page);

  // Scroll the open array from top to bottom in 20 jumps, reading pages as they come into view.
  for (let step = 1; step <= 20; step++) {
    await page.evaluate(`(() => { const el = document.querySelector('.json-tree'); el.scrollTop = el.scrollHeight * ${step / 20}; })()`);
    await settle(60);
  }
  await settle(300);
  const scroll = await longestTask(page);

  await page.keyboard.press('Control+f');
  const search = response.getByRole('searchbox', { name: 'Search keys and values' });
  const shown = page.evaluate<number>(`window.__painted('.search-count', '^1 of \\\\d+$')`);
  const started = await page.evaluate<number>('Date.now()');
  // Enter right after typing runs the search at once (the typing pause would start it 250 ms later).
  await search.fill('needle');
  await search.press('Enter');
  await response
    .locator('.search-count')
    .filter({ hasText: /^1 of \d+$/ })
    .waitFor({ timeout: 120_000 });
  const searchMs = (await shown) - started;
  const matches = (await response.locator('.search-count').textContent()) ?? '';
  // The last match: a jump to the far end of the array, opening its parents.
  await search.press('Shift+Enter');
  await response.locator('[aria-current="true"]').filter({ hasText: 'needle' }).waitFor({ timeout: 60_000 });
  await settle(300);
  const searchLong = await longestTask(page);
  return {
    bytes,
    firstScreenMs,
    treeMs,
    searchMs,
    matches,
    longest: { load, expand, scroll, search: searchLong },
    heap: await heapMiB(page),
  };
}

export async function benchViewer(): Promise<BenchRow[]> {
  const dir = await ensureRendererBuilt(process.env['BENCH_REBUILD'] === '1');
  const h = await startHarness({ kind: 'google' }, { maxBodyBytes: 1024 * MiB });
  const connection = await h.connect('google_gmail');
  const lastByte = { at: 0 };
  h.peer.api.route(
    'GET',
    '/gmail/v1/bench/viewer.json',
    async ({ query, res }: ApiRequest) => {
      const body = bigJson(Number(query.get('bytes')));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      for (let at = 0; at < body.length && !res.destroyed; at += 256 * 1024) {
        if (!res.write(body.subarray(at, at + 256 * 1024))) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end(() => (lastByte.at = Date.now()));
      return undefined;
    },
    { auth: false },
  );
  const server = await serveDirectory(dir);
  const browser = await launchChromium();
  const rows: BenchRow[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await context.addInitScript({ content: OBSERVE });
    const page = await context.newPage();
    const unsubscribe = h.core.onEvent((event) => void pushEvent(page, event));
    await installBridge(page, (channel, payload) => h.core.invokeUntrusted(channel, payload));
    await page.goto(server.url);
    await page.getByRole('button', { name: 'API console' }).click();
    await page.getByLabel('Connection').selectOption(connection.id);
    for (const size of SIZES) {
      const run = await measure(page, size, lastByte);
      const label = `${size} MiB JSON answer`;
      const worst = Math.max(...Object.values(run.longest));
      rows.push(
        {
          metric: `Window: last byte → first screen, ${label}`,
          value: `${run.firstScreenMs.toFixed(0)} ms`,
          goal: size === 100 ? `≤ ${FIRST_SCREEN_GOAL_MS} ms (100 MB)` : 'report',
          met: size === 100 ? run.firstScreenMs <= FIRST_SCREEN_GOAL_MS : null,
          note: `${(run.bytes / MiB).toFixed(1)} MiB served chunked by the loopback peer; from its last byte to the body painted (its first page while the main process indexes it, or the tree)`,
        },
        {
          metric: `Window: last byte → the tree's root painted, ${label}`,
          value: `${run.treeMs.toFixed(0)} ms`,
          goal: 'report',
          met: null,
          note: 'when the first api.body children answer (the root, read by the body worker) is painted',
        },
        {
          metric: `Window: longest main-thread task, ${label} (load, expand, scroll, search)`,
          value: `${worst.toFixed(0)} ms`,
          goal: `≤ ${LONG_TASK_GOAL_MS} ms`,
          met: worst <= LONG_TASK_GOAL_MS,
          note: `PerformanceObserver long tasks per phase: load ${run.longest.load.toFixed(0)}, expand ${run.longest.expand.toFixed(0)}, scroll ${run.longest.scroll.toFixed(0)}, search ${run.longest.search.toFixed(0)} ms (0: none over 50 ms)`,
        },
        {
          metric: `Window: Ctrl+F "needle" → "n of N" shown, ${label}`,
          value: `${run.searchMs.toFixed(0)} ms`,
          goal: 'report',
          met: null,
          note: `${run.matches}; the search runs in the main process's body worker, then the window jumps to the first match`,
        },
        {
          metric: `Window: JS heap after GC, ${label} read, expanded, scrolled and searched`,
          value: `${run.heap.toFixed(1)} MiB`,
          goal: 'report',
          met: null,
        },
      );
    }
    unsubscribe();
  } finally {
    await browser.close();
    await server.close();
    await h.core.close();
    await h.peer.close();
  }
  return rows;
}

if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  const rows = await benchViewer();
  for (const row of rows) console.log(`${row.metric}: ${row.value} (${row.goal})${row.note ? ` — ${row.note}` : ''}`);
  process.exit(0);
}
