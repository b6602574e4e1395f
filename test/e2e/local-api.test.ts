// The local API end to end: turned on in Settings, a key created and shown once, a script's call
// with that key (fetch from this test), and the call in History → Local API. Screenshots in light
// and dark, at 1280×800 and 800×600.
import { describe, expect, it } from 'vitest';
import type { LocalApiStatus } from '../../src-shared/types';
import { sidebarItem, useE2eWorld } from './lib/world';

const world = useE2eWorld();

describe('the local API in the window', () => {
  it('turns on, creates a key shown once, and logs a script’s call in History', async () => {
    const session = await world.open({
      core: {
        providers: { google: world.google.providerOverride },
        services: world.google.servicesOverride,
        localApi: { defaultPort: 0 },
      },
    });
    const { page } = session;
    await sidebarItem(page, 'Gmail').click();
    await page.getByRole('button', { name: 'Connect Gmail' }).click();
    await page.getByText('Connected as ada@example.com.').waitFor();

    await sidebarItem(page, 'Settings').click();
    const section = page.locator('[data-section="local-api"]');
    await section.getByText('Off', { exact: true }).waitFor();
    await section.getByLabel('Turn on the local API').check();
    const status = (await session.invoke('localApi.status')) as LocalApiStatus;
    await section.getByText(`Running at ${status.address}`).waitFor();

    await section.getByLabel('Key name').fill('receipts cron');
    await section.getByRole('checkbox', { name: 'Gmail' }).check();
    await section.getByRole('button', { name: 'Create key' }).click();
    const shown = section.getByRole('textbox', { name: 'New key' });
    await shown.waitFor();
    const key = await shown.inputValue();
    expect(key).toMatch(/^jct_[A-Za-z0-9_-]{43}$/);
    await section.getByRole('button', { name: 'Copy key' }).click();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(key);
    await page.setViewportSize({ width: 1280, height: 800 });
    await section.scrollIntoViewIfNeeded();
    await session.screenshot('e2e-local-api-01-key-once-light-1280');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 800, height: 600 });
    await session.screenshot('e2e-local-api-02-key-once-dark-800');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 800 });

    // Once dismissed, the key is nowhere in the window.
    await section.getByRole('button', { name: 'I have copied it' }).click();
    await expect.poll(() => shown.count()).toBe(0);
    expect(await page.content()).not.toContain(key);
    const keys = page.getByRole('table', { name: 'Local API keys' });
    await keys.getByRole('cell', { name: 'receipts cron', exact: true }).waitFor();
    expect(await keys.getByRole('cell', { name: 'never', exact: true }).count()).toBe(1);

    // A script calls the server with the key.
    const response = await fetch(`${status.address}/api/services/google_gmail/request/users/me/profile`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ emailAddress: 'ada@example.com' });

    await sidebarItem(page, 'History').click();
    await page.getByRole('tab', { name: 'Local API' }).click();
    const log = page.getByRole('table', { name: 'Local API calls, newest first' });
    const row = log.getByRole('row').filter({ hasText: '/api/services/google_gmail/request/users/me/profile' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/receipts cron.*GET.*200/);
    await session.screenshot('e2e-local-api-03-history-light-1280');
    await page.emulateMedia({ colorScheme: 'dark' });
    await session.screenshot('e2e-local-api-04-history-dark-1280');
    await page.setViewportSize({ width: 800, height: 600 });
    await session.screenshot('e2e-local-api-05-history-dark-800');
    await page.emulateMedia({ colorScheme: 'light' });
    await session.screenshot('e2e-local-api-06-history-light-800');
    expect(await page.content()).not.toContain(key);

    // Settings shows the key's last use; Revoke cuts the script off.
    await sidebarItem(page, 'Settings').click();
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(() => keys.getByRole('cell', { name: 'never', exact: true }).count()).toBe(0);
    await session.screenshot('e2e-local-api-07-settings-light-1280');
    await keys.getByRole('button', { name: 'Revoke receipts cron' }).click();
    await page.getByText('No keys yet.').waitFor();
    const after = await fetch(`${status.address}/api/connections`, { headers: { Authorization: `Bearer ${key}` } });
    expect(after.status).toBe(401);
  });
});
