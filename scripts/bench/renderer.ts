// Renderer budget: initial JS gzip, navigation → services list painted, and Send → first
// paint of a 5 MB JSON response. The page gets an in-page stand-in for `window.junction`, so the
// timings are the renderer's own (React, stores, lazy chunk, layout, paint), not a transport's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../test/e2e/lib/chromium';
import { ensureRendererBuilt } from '../../test/e2e/lib/renderer-build';
import { serveDirectory } from '../../test/e2e/lib/static-server';
import type { BenchRow } from './types';

const RUNS = 5;
const JS_BUDGET = 200 * 1024;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Scripts the page loads before it can draw: the entry module and its modulepreloads. */
export function initialScripts(dir: string): string[] {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const srcs = [...html.matchAll(/<script[^>]+src="([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)];
  return srcs.map((m) => join(dir, (m[1] ?? '').replace(/^\.?\//, '')));
}

// Runs in the page before the app: a bridge answering from fixtures, a marker for "painted", and
// a 5 MB response prepared ahead so that building it is not timed.
const STUB = `(() => {
  const now = Date.now();
  const svc = (id, name, provider, base) => ({ id, name, provider, scopes: ['openid'], optionalScopes: [], apiBaseUrl: base, configured: true, testPath: '/me', docsUrl: 'https://example.com' });
  const services = [
    svc('google_gmail', 'Gmail', 'google', 'https://gmail.googleapis.com/gmail/v1'),
    svc('google_calendar', 'Calendar', 'google', 'https://www.googleapis.com/calendar/v3'),
    svc('google_drive', 'Drive', 'google', 'https://www.googleapis.com/drive/v3'),
    svc('google_docs', 'Docs', 'google', 'https://docs.googleapis.com/v1'),
    svc('spotify', 'Spotify', 'spotify', 'https://api.spotify.com/v1'),
  ];
  const connection = { id: '6f9c1c7e-6a43-4c47-9d64-1f0b6f1c2a01', service: 'google_gmail', provider: 'google', account: { email: 'ada@example.com' }, scopes: ['openid'], status: 'connected', tokenExpiresAt: now + 3600000, lastAuthorizedAt: now, lastRefreshedAt: null, health: { state: 'ok', message: 'Connected.' }, createdAt: now, updatedAt: now, apiBaseUrl: services[0].apiBaseUrl };
  let big = null;
  window.__prepareBig = () => {
    const messages = Array.from({ length: 33000 }, (_, i) => ({ id: 'msg-' + i, threadId: 't-' + (i % 977), snippet: ('Message number ' + i + ' ').padEnd(120, '.') }));
    const body = JSON.stringify({ messages, resultSizeEstimate: messages.length });
    big = { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body, json: JSON.parse(body), bodyEncoding: 'utf8', sizeBytes: body.length, durationMs: 1, attempts: 1, refreshed: false, truncated: false, url: connection.apiBaseUrl + '/big' };
    return body.length;
  };
  const answers = {
    'services.list': () => services,
    'connections.list': () => [connection],
    'settings.getProviders': () => [],
    'app.info': () => ({ storage: { backend: 'keychain', secure: true, insecureAccepted: false }, protocolScheme: 'junction', notices: [] }),
    'api.request': () => big,
  };
  window.junction = { invoke: async (channel) => answers[channel](), onEvent: () => () => {} };
  window.__painted = (selector, text) => new Promise((resolve) => {
    const check = () => {
      // The tree's toggles carry their names as text (not aria-label): match on it when given.
      if (![...document.querySelectorAll(selector)].some((el) => !text || el.textContent.includes(text))) return false;
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
      return true;
    };
    if (check()) return;
    const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
    observer.observe(document, { childList: true, subtree: true });
  });
  window.__timeSend = async () => {
    const send = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Send');
    const painted = window.__painted('.json-tree button', 'Expand messages');
    const started = performance.now();
    send.click();
    return (await painted) - started;
  };
  window.__timeExpand = async () => {
    const toggle = [...document.querySelectorAll('.json-tree button')].find((b) => b.textContent.includes('Expand messages'));
    const painted = window.__painted('.json-tree button', 'Expand 0,');
    const started = performance.now();
    toggle.click();
    return (await painted) - started;
  };
})();`;

async function timeServicesList(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  return page.evaluate<number>(`window.__painted('[data-testid="services-list"] li')`);
}

async function timeBigResponse(page: Page, url: string): Promise<{ ms: number; expandMs: number; bytes: number }> {
  await page.goto(url);
  await page.getByRole('button', { name: 'API console' }).click();
  await page.getByLabel('Connection').selectOption({ label: 'Gmail — ada@example.com' });
  await page.getByLabel('URL', { exact: true }).fill('/big');
  const bytes = await page.evaluate<number>('window.__prepareBig()');
  const ms = await page.evaluate<number>('window.__timeSend()');
  const expandMs = await page.evaluate<number>('window.__timeExpand()');
  return { ms, expandMs, bytes };
}

export async function benchRenderer(): Promise<BenchRow[]> {
  const dir = await ensureRendererBuilt(process.env['BENCH_REBUILD'] === '1');
  const scripts = initialScripts(dir);
  const gzip = scripts.reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0);
  const rows: BenchRow[] = [
    {
      metric: 'Renderer initial JS (gzip)',
      value: `${(gzip / 1024).toFixed(1)} KB`,
      goal: '≤ 200 KB',
      met: gzip <= JS_BUDGET,
      note: `${scripts.length} script(s) loaded before first paint; the JSON tree and the body viewer are lazy chunks`,
    },
  ];
  const server = await serveDirectory(dir);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await context.addInitScript({ content: STUB });
    const page = await context.newPage();
    await timeServicesList(page, server.url); // warm-up: disk cache, compiled code
    const listTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) listTimes.push(await timeServicesList(page, server.url));
    rows.push({
      metric: 'Navigation → services list painted',
      value: `${median(listTimes).toFixed(0)} ms`,
      goal: 'report',
      met: null,
      note: `median of ${RUNS} loads in headless Chromium from a loopback server (${listTimes.map((t) => t.toFixed(0)).join(', ')} ms)`,
    });
    const bigTimes: number[] = [];
    const expandTimes: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 3; i++) {
      const run = await timeBigResponse(page, server.url);
      bigTimes.push(run.ms);
      expandTimes.push(run.expandMs);
      bytes = run.bytes;
    }
    rows.push({
      metric: '5 MB JSON response → first paint',
      value: `${median(bigTimes).toFixed(0)} ms`,
      goal: 'report (no frozen window)',
      met: null,
      note: `median of 3; ${(bytes / 2 ** 20).toFixed(2)} MiB, 33,000 objects, from the click on Send to the tree's first rows painted (${bigTimes.map((t) => t.toFixed(0)).join(', ')} ms)`,
    });
    rows.push({
      metric: '5 MB response: expand its 33,000-item array',
      value: `${median(expandTimes).toFixed(0)} ms`,
      goal: 'report',
      met: null,
      note: `median of 3; click → its first rows painted (the tree shows the rows on screen) (${expandTimes.map((t) => t.toFixed(0)).join(', ')} ms)`,
    });
  } finally {
    await browser.close();
    await server.close();
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await benchRenderer();
  for (const row of rows) console.log(`${row.metric}: ${row.value} (${row.goal})${row.note ? ` — ${row.note}` : ''}`);
}
