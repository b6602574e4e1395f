// Big answers end to end: a 30 MB JSON answer and a 25 MB binary one, served by the loopback
// peer, kept by the real core, read by the window piece by piece: shown, searched ("n of N"),
// filtered, and saved byte for byte through the core's save dialog.
import { AxeBuilder } from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bigBinary, bigJson, installBigBodyRoutes, sha256 } from '../support/big-bodies';
import { makeTempDir } from '../support/temp-dir';
import type { AppSession } from './lib/app-session';
import { saveDialogInto } from './lib/save-dialog';
import { sidebarItem, useE2eWorld } from './lib/world';

const world = useE2eWorld((w) => installBigBodyRoutes(w.google.api, '/gmail/v1'));
const MiB = 1024 * 1024;

async function connectedConsole(saveDialog: ReturnType<typeof saveDialogInto>): Promise<{ session: AppSession; page: Page }> {
  const session = await world.open({
    core: {
      providers: { google: world.google.providerOverride },
      services: world.google.servicesOverride,
      chooseSavePath: saveDialog.choose,
    },
  });
  const { page } = session;
  await sidebarItem(page, 'Gmail').click();
  await page.getByRole('button', { name: 'Connect Gmail' }).click();
  await page.getByText('Connected as ada@example.com.').waitFor();
  await sidebarItem(page, 'API console').click();
  await page.getByLabel('Connection').selectOption({ label: 'Gmail — ada@example.com' });
  return { session, page };
}

async function send(page: Page, url: string) {
  await page.getByLabel('URL', { exact: true }).fill(url);
  await page.getByRole('button', { name: 'Send' }).click();
  return page.getByRole('region', { name: 'Response' });
}

/** No serious or critical axe violation inside the response. */
async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).include('section[aria-label="Response"]').analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('big answers', () => {
  it('shows a 30 MB JSON answer, searches it, filters it, and saves it byte for byte', async () => {
    // 32 MiB served (bigJson is exact): over 30 MB either way it is counted.
    const bytes = 32 * MiB;
    const served = bigJson(bytes);
    expect(served.length).toBeGreaterThan(30 * MiB);
    const items = (served.toString('latin1').match(/"id":/g) ?? []).length;
    const needles = (served.toString('latin1').match(/"needle"/g) ?? []).length;
    const saveDialog = saveDialogInto(makeTempDir('junction-e2e-big-'));
    const { session, page } = await connectedConsole(saveDialog);

    const response = await send(page, `/test/big.json?bytes=${bytes}&how=chunked`);
    await response.getByRole('button', { name: `Expand items, ${items} items` }).waitFor({ timeout: 60_000 });
    expect(await response.getByLabel('Response summary').textContent()).toContain(`${(served.length / MiB).toFixed(2)} MB`);
    await response.getByText(/kept in Junction: read as you scroll/).waitFor();

    // Open the array: its first rows come at once, and only the rows on screen exist.
    await response.getByRole('button', { name: `Expand items, ${items} items` }).click();
    await response.getByRole('button', { name: 'Expand 0, 4 keys' }).waitFor();
    expect(await response.locator('.v-row').count()).toBeLessThan(200);

    // Ctrl+F: the worker counts every match; Enter walks them, opening the match's parents.
    await response.getByRole('button', { name: `Collapse items, ${items} items` }).click();
    await page.keyboard.press('Control+f');
    const search = response.getByRole('searchbox', { name: 'Search keys and values' });
    expect(await page.evaluate<string>("document.activeElement?.getAttribute('aria-label') ?? ''")).toBe('Search keys and values');
    await search.fill('needle');
    await search.press('Enter');
    await response.getByText(`1 of ${needles}`).waitFor({ timeout: 30_000 });
    await search.press('Enter');
    await response.getByText(`2 of ${needles}`).waitFor();
    const current = response.locator('[aria-current="true"]');
    await expect.poll(() => current.textContent()).toBe('0: "needle"');
    await response.getByRole('button', { name: 'Collapse 7, 4 keys' }).waitFor();
    await session.screenshot('e2e-big-01-searched');

    // A JSONPath filter: its result as JSON; a bad one says what is wrong.
    const filter = response.getByRole('textbox', { name: 'JSONPath filter' });
    await filter.fill('$.items[');
    await filter.press('Enter');
    expect(((await response.getByRole('alert').textContent()) ?? '').length).toBeGreaterThan(10);
    await filter.fill('$.items[0:3].name');
    await filter.press('Enter');
    await response.getByText(/^3 results for/).waitFor({ timeout: 30_000 });
    const result = response.getByRole('region', { name: 'Filter result as a JSON tree' });
    await result.getByText('"item 2"').waitFor();
    await session.screenshot('e2e-big-02-filtered');
    await expectAccessible(page);

    // Save: the core writes the kept body where the dialog says; the window never holds it.
    await response.getByRole('button', { name: 'Save to file' }).click();
    await response.getByText(`Saved big.json (${(served.length / MiB).toFixed(2)} MB).`).waitFor({ timeout: 30_000 });
    expect(sha256(await readFile(join(saveDialog.folder, 'big.json')))).toBe(sha256(served));
  });

  it('saves a 25 MB binary answer byte for byte', async () => {
    const bytes = 25 * MiB;
    const saveDialog = saveDialogInto(makeTempDir('junction-e2e-big-'));
    const { session, page } = await connectedConsole(saveDialog);
    const response = await send(page, `/test/big.bin?bytes=${bytes}&how=gzip`);
    await response.getByText('A binary body of 25.00 MB: save it to a file to look at it.').waitFor({ timeout: 60_000 });
    expect(await response.getByRole('img').count()).toBe(0);
    await response.getByRole('button', { name: 'Save to file' }).click();
    await response.getByText('Saved big.bin (25.00 MB).').waitFor({ timeout: 30_000 });
    expect(sha256(await readFile(join(saveDialog.folder, 'big.bin')))).toBe(sha256(bigBinary(bytes)));
    await session.screenshot('e2e-big-03-binary-saved');
    await expectAccessible(page);
  });
});
