// Pacing in the window: the built renderer in Chromium over the real core. A response that waited
// for Google's rate limit says so, with its attempts; a paging run held by a rate limit shows the
// wait and goes on; Save every page writes the file through the save dialog, checked line by line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { installGoogleApiFixtures, type ApiFixtures, type GoogleFixtureState } from '../support/api-fixtures';
import { parseCsv } from '../support/csv-parse';
import { makeTempDir } from '../support/temp-dir';
import { sidebarItem, useE2eWorld } from './lib/world';

let googleApi: ApiFixtures<GoogleFixtureState>;
const world = useE2eWorld(({ google }) => {
  googleApi = installGoogleApiFixtures(google);
});

const MESSAGES = '/gmail/v1/users/me/messages';

function openSession(savePath?: string) {
  return world.open({
    core: {
      providers: { google: world.google.providerOverride },
      services: world.google.servicesOverride,
      ...(savePath ? { chooseSavePath: () => Promise.resolve(savePath) } : {}),
    },
  });
}

async function connectGmail(page: Page): Promise<void> {
  await sidebarItem(page, 'Gmail').click();
  await page.getByRole('button', { name: 'Connect Gmail' }).click();
  await page.getByText('Connected as ada@example.com.').waitFor();
  await page.bringToFront();
}

describe('pacing in the window', () => {
  it('a response held by a 429 says it waited for the rate limit, and lists its attempts', async () => {
    const session = await openSession();
    const { page } = session;
    await connectGmail(page);
    await sidebarItem(page, 'API console').click();
    await page.getByLabel('Connection').selectOption({ label: 'Gmail — ada@example.com' });
    await page.getByLabel('URL', { exact: true }).fill('/users/me/profile');
    world.google.api.next('/gmail/v1/users/me/profile', [{ status: 429, retryAfter: '2' }]);
    await page.getByRole('button', { name: 'Send' }).click();
    const response = page.getByRole('region', { name: 'Response' });
    await response.getByText('200 OK').waitFor({ timeout: 15_000 });
    const summary = await response.getByLabel('Response summary').textContent();
    expect(summary).toMatch(/2 attempts/);
    expect(summary).toMatch(/waited [12]\.\d s for the rate limit/);
    const attempts = await response.getByRole('list', { name: 'Attempts' }).getByRole('listitem').allTextContents();
    expect(attempts).toHaveLength(2);
    expect(attempts[0]).toMatch(/^429 in \d+ ms$/);
    expect(attempts[1]).toMatch(/^waited [12]\.\d s for the rate limit → 200 in \d+ ms$/);
    await session.screenshot('pacing-01-response-waited');
  }, 60_000);

  it('a paging run shows the rate-limit wait and goes on; Save every page writes the file as it goes', async () => {
    const dir = makeTempDir('junction-e2e-export-');
    const target = join(dir, 'messages.csv');
    const session = await openSession(target);
    const { page } = session;
    await connectGmail(page);
    await page.getByRole('tab', { name: 'Quick actions' }).click();
    await page.getByLabel('Items per page').fill('2');

    // The second page meets Google's 429 with Retry-After: 3; the run waits, says so, and goes on.
    world.google.api.next(MESSAGES, [{ delayMs: 0 }, { status: 429, retryAfter: '3' }]);
    await page.getByRole('button', { name: 'Fetch every page' }).click();
    const waiting = page.getByText(/^Waiting for Google's rate limit \(\d s\); the run goes on after it\.$/);
    await waiting.waitFor({ timeout: 10_000 });
    await session.screenshot('pacing-02-paging-waits');
    const ids = googleApi.state.messages.map((m) => m.id);
    await page.getByText(`${ids.length} items from 4 pages (all pages)`).waitFor({ timeout: 15_000 });
    expect(await waiting.count()).toBe(0);

    // The same list straight to a CSV file, with a burst in the middle again.
    world.google.api.next(MESSAGES, [{ delayMs: 0 }, { status: 429, retryAfter: '2' }]);
    await page.getByLabel('Save every page as').selectOption('csv');
    await page.getByRole('button', { name: 'Save to a file…' }).click();
    await page.getByText(/^Waiting for Google's rate limit \(\d s\); saving goes on after it\.$/).waitFor({ timeout: 10_000 });
    await session.screenshot('pacing-03-export-waits');
    await page.getByText(`Saved ${ids.length} items from 4 pages to messages.csv.`).waitFor({ timeout: 15_000 });
    await session.screenshot('pacing-04-export-saved');
    const [header, ...rows] = parseCsv(readFileSync(target, 'utf8').replace(/^\uFEFF/, ''));
    expect(header).toEqual(['id', 'threadId']);
    expect(rows.map((row) => row[0])).toEqual(ids);
    expect(rows.map((row) => row[1])).toEqual(googleApi.state.messages.map((m) => m.threadId));
  }, 90_000);
});
