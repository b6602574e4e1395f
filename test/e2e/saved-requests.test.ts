// Saved requests end to end, in Chromium over the real core: a request starred in the console
// under a name, renamed, exported through the save dialog, still there after a restart (same data
// directory), a damaged import refused with the list and its file untouched, the export imported
// back, and Copy as… Python from the same form. axe finds nothing serious or critical on the
// console with the saved list open. Screenshots in light and dark, at 1280×800 and 800×600.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SavedRequest } from '../../src-shared/saved';
import { createTestCipher } from '../support/cipher';
import { makeTempDir } from '../support/temp-dir';
import { sidebarItem, useE2eWorld } from './lib/world';

const world = useE2eWorld();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe's serious and critical findings on the page as it is (run through DevTools: the CSP blocks a script tag). */
async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = await page.evaluate<{ id: string; impact: string; nodes: { target: string[] }[] }[]>(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  );
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

describe('saved requests in the window', () => {
  it('are starred, renamed, exported, survive a restart, and a damaged import changes nothing', async () => {
    const dataDir = makeTempDir('junction-e2e-saved-');
    const outDir = makeTempDir('junction-e2e-export-');
    const cipher = createTestCipher();
    const exportPath = join(outDir, 'saved.json');
    const core = {
      cipher,
      providers: { google: world.google.providerOverride },
      services: world.google.servicesOverride,
      chooseSavePath: () => Promise.resolve(exportPath),
    };
    const first = await world.open({ dataDir, core });
    let page = first.page;
    await sidebarItem(page, 'Gmail').click();
    await page.getByRole('button', { name: 'Connect Gmail' }).click();
    await page.getByText('Connected as ada@example.com.').waitFor();

    await sidebarItem(page, 'API console').click();
    await page.getByLabel('URL').fill('/users/me/labels');
    await page.getByRole('button', { name: '☆ Save…' }).click();
    const name = page.getByLabel('Name', { exact: true });
    expect(await name.inputValue()).toBe('GET /users/me/labels');
    await name.fill('Labels');
    await name.press('Enter');
    await page.getByText('Saved as “Labels”.').waitFor();

    await page.getByText('Saved requests (1)').click();
    await page.getByRole('button', { name: 'Rename Labels' }).click();
    await page.getByLabel('New name for Labels').fill('All my labels');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Renamed to “All my labels”.').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await first.screenshot('e2e-saved-01-list-light-1280');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 800, height: 600 });
    expect(await axeProblems(page)).toEqual([]);
    await first.screenshot('e2e-saved-02-list-dark-800');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByText('Exported 1 saved request to saved.json.').waitFor();
    const exported = readFileSync(exportPath, 'utf8');
    expect(JSON.parse(exported)).toMatchObject({ format: 'junction.saved-requests', requests: [{ name: 'All my labels' }] });
    for (const token of world.google.issuedTokens()) expect(exported).not.toContain(token);

    // Copy as… Python from the same form: the token is read from the environment, never written.
    await page.getByLabel('Snippet language').selectOption('Python requests');
    await page.getByRole('button', { name: 'Copy as Python requests' }).click();
    const python = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(python).toContain(`os.environ['GOOGLE_TOKEN']`);
    expect(python).toContain('/users/me/labels');
    for (const token of world.google.issuedTokens()) expect(python).not.toContain(token);

    // A restart: the same data directory and key, a new core and window.
    await first.close();
    const second = await world.open({ dataDir, core });
    page = second.page;
    await sidebarItem(page, 'API console').click();
    const picker = page.getByLabel('Saved', { exact: true });
    await expect.poll(() => picker.locator('option').allTextContents()).toEqual(['Load a saved request…', 'All my labels']);
    await picker.selectOption({ label: 'All my labels' });
    expect(await page.getByLabel('URL').inputValue()).toBe('/users/me/labels');

    // A damaged file: refused, said why, and nothing of the list or its file changes.
    const store = join(dataDir, 'saved-requests.json');
    const before = readFileSync(store, 'utf8');
    await page.getByText('Saved requests (1)').click();
    const input = page.getByLabel('Import saved requests from a file');
    await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(exported.slice(0, 60)) });
    const alert = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('not JSON');
    await second.screenshot('e2e-saved-03-damaged-import-light-1280');
    expect(readFileSync(store, 'utf8')).toBe(before);
    await input.setInputFiles({
      name: 'other.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"info":{"name":"A Postman collection"},"item":[]}'),
    });
    await page.getByRole('alert').filter({ hasText: "not a file of Junction's saved requests" }).waitFor();
    expect(readFileSync(store, 'utf8')).toBe(before);
    expect(((await second.invoke('saved.list')) as SavedRequest[]).map((r) => r.name)).toEqual(['All my labels']);

    // Deleted, then the export brings it back.
    await page.getByRole('button', { name: 'Delete All my labels' }).click();
    await page.getByText('Saved requests (0)').waitFor();
    await input.setInputFiles({ name: 'saved.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await page.getByText('Imported 1 saved request.').waitFor();
    await page.getByRole('button', { name: 'Load All my labels' }).waitFor();
    await page.emulateMedia({ colorScheme: 'dark' });
    await second.screenshot('e2e-saved-04-imported-dark-1280');
  });
});
