// A core killed in the middle of an export: nothing appears under the chosen name (a file the
// person agreed to replace is still the old one), and the `.partial` file beside it holds whole
// lines only, the served items in order, a whole number of pages.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, OAuthStartResult } from '../../../src-shared/types';
import { completeAuthorization } from '../../support/browser';
import { prepareCoreChild, spawnCoreChild, type ChildLaunch, type CoreChild } from '../../support/core-child-client';
import { startOAuthPeer, type OAuthPeer } from '../../support/oauth-peer';
import { makeTempDir, removeAllTempDirs } from '../../support/temp-dir';

let launch: ChildLaunch;
beforeAll(async () => {
  launch = await prepareCoreChild();
});
afterAll(() => launch.dispose());

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  removeAllTempDirs();
});

const compileCacheDir = join(tmpdir(), 'junction-test-compile-cache');
const PER_PAGE = 200;
const item = (page: number, i: number) => ({ id: `${page}:${i}`, text: `line "${i}"\nwith a break, and ünïcode` });

async function exportingChild(peer: OAuthPeer, savePath: string): Promise<{ child: CoreChild; connection: Connection }> {
  const child = spawnCoreChild({ launch, compileCacheDir });
  cleanups.push(() => child.kill());
  await child.start({
    dataDir: makeTempDir('junction-export-kill-'),
    cipherKeyHex: randomBytes(32).toString('hex'),
    providers: { google: peer.providerOverride },
    services: peer.servicesOverride,
    savePath,
  });
  const start = await child.invoke<OAuthStartResult>('oauth.start', { service: 'google_gmail' });
  const waiting = child.invoke<Connection>('oauth.wait', { state: start.state });
  await completeAuthorization(start.authUrl);
  return { child, connection: await waiting };
}

const pagesSeen = (child: CoreChild, requestId: string) =>
  Math.max(0, ...child.events.map((e) => (e.type === 'api.progress' && e.requestId === requestId ? e.pages : 0)));

describe('an export killed mid-run', () => {
  for (const format of ['ndjson', 'csv'] as const) {
    it(`${format}: leaves the chosen name untouched and a .partial file of whole pages`, async () => {
      const peer = await startOAuthPeer({ kind: 'google' });
      cleanups.push(() => peer.close());
      const base = new URL(peer.apiBaseUrls.google_gmail ?? '').pathname;
      peer.api.route('GET', `${base}/test/pages`, async ({ query }) => {
        const page = Number(query.get('pageToken') ?? '0');
        await new Promise((resolve) => setTimeout(resolve, 15));
        return { json: { items: Array.from({ length: PER_PAGE }, (_, i) => item(page, i)), nextPageToken: String(page + 1) } };
      });
      const dir = makeTempDir('junction-export-');
      const target = join(dir, `messages.${format}`);
      writeFileSync(target, 'the file the person agreed to replace\n');
      const { child, connection } = await exportingChild(peer, target);

      const running = child.invoke('api.export', {
        format,
        requestId: 'killed',
        source: { kind: 'pages', connectionId: connection.id, url: '/test/pages', maxPages: 100 },
      });
      running.catch(() => undefined);
      // Kill at a page count that differs per run: the write of some page may be under way.
      const killAt = 5 + Math.floor(Math.random() * 20);
      const deadline = Date.now() + 20_000;
      while (pagesSeen(child, 'killed') < killAt && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
      await child.kill();
      expect(pagesSeen(child, 'killed')).toBeGreaterThanOrEqual(killAt);

      expect(readFileSync(target, 'utf8')).toBe('the file the person agreed to replace\n');
      expect(existsSync(`${target}.partial`)).toBe(true);
      const text = readFileSync(`${target}.partial`, 'utf8');
      if (format === 'ndjson') {
        expect(text === '' || text.endsWith('\n')).toBe(true);
        const lines = text === '' ? [] : text.slice(0, -1).split('\n');
        expect(lines.length % PER_PAGE).toBe(0);
        expect(lines.length / PER_PAGE).toBeGreaterThanOrEqual(killAt - 1);
        lines.forEach((line, k) => expect(JSON.parse(line)).toEqual(item(Math.floor(k / PER_PAGE), k % PER_PAGE)));
      } else {
        // Rows end in CRLF; a break inside a quoted cell is a bare LF.
        expect(text === '' || text.endsWith('\r\n')).toBe(true);
        const rows =
          text === ''
            ? []
            : text
                .replace(/^\uFEFF/, '')
                .slice(0, -2)
                .split('\r\n');
        const header = rows.shift();
        expect(header).toBe('id,text');
        expect(rows.length % PER_PAGE).toBe(0);
        expect(rows.length / PER_PAGE).toBeGreaterThanOrEqual(killAt - 1);
        rows.forEach((row, k) => {
          const want = item(Math.floor(k / PER_PAGE), k % PER_PAGE);
          expect(row).toBe(`${want.id},"${want.text.replace(/"/g, '""')}"`);
        });
      }
    }, 60_000);
  }
});
