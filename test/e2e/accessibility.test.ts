// Accessibility and wording end to end: the built renderer in Chromium over the real core, axe-core
// on every main screen in light and dark at 1280×800 and 800×600 (a screenshot of each to
// test-results/), then the wording a new user stumbled on, each as a check of its own.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { installGoogleApiFixtures } from '../support/api-fixtures';
import { SCREENSHOT_DIR, type AppSession } from './lib/app-session';
import { blockingFindings } from './lib/axe';
import { sidebarItem, useE2eWorld } from './lib/world';

const world = useE2eWorld(({ google, spotify }) => {
  installGoogleApiFixtures(google);
  void spotify;
});

function core(withCredentials = true) {
  const { clientId: _g, clientSecret: _gs, ...google } = world.google.providerOverride;
  const { clientId: _s, clientSecret: _ss, ...spotify } = world.spotify.providerOverride;
  return {
    providers: withCredentials ? { google: world.google.providerOverride, spotify: world.spotify.providerOverride } : { google, spotify },
    services: { ...world.google.servicesOverride, ...world.spotify.servicesOverride },
  };
}

const SIZES = [
  [1280, 800],
  [800, 600],
] as const;

/**
 * axe on the screen as it stands, light and dark, at both sizes, with a screenshot of each; the
 * serious and critical findings are returned (empty when the screen passes).
 */
async function audit(session: AppSession, name: string): Promise<string[]> {
  const { page } = session;
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await session.screenshot(`a11y-${name}-${width}x${height}-${scheme}`);
      for (const line of await blockingFindings(page)) found.push(`${name} ${width}x${height} ${scheme}: ${line}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
  return found;
}

async function connect(page: Page, service: string): Promise<void> {
  await sidebarItem(page, service).click();
  await page.getByRole('button', { name: `Connect ${service}` }).click();
  await page.getByText('Connected as ada@example.com.').waitFor();
  await page.bringToFront();
}

describe('accessibility of every main screen', () => {
  it('first start and Settings: no serious or critical axe finding, light and dark, 1280×800 and 800×600', async () => {
    const session = await world.open({ core: core(false), autoBrowse: false });
    const { page } = session;
    await expect.poll(() => sidebarItem(page, 'Gmail').textContent()).toBe('GmailNot set up');
    const found = await audit(session, '01-first-start');
    await sidebarItem(page, 'Settings').click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    found.push(...(await audit(session, '02-settings')));
    expect(found).toEqual([]);
  });

  it('service, connection, console, history, quick actions and paging: no serious or critical axe finding', async () => {
    const session = await world.open({ core: core() });
    const { page } = session;
    await expect.poll(() => sidebarItem(page, 'Gmail').textContent()).toBe('GmailNot connected');
    const found = await audit(session, '03-service');

    await connect(page, 'Gmail');
    await page.getByRole('button', { name: 'Open the connection' }).click();
    await page.getByRole('heading', { level: 1, name: 'ada@example.com' }).waitFor();
    found.push(...(await audit(session, '04-connection-detail')));
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('alertdialog').waitFor();
    found.push(...(await audit(session, '04b-disconnect-dialog')));
    await page.getByRole('alertdialog').getByRole('button', { name: 'Keep it' }).click();

    await sidebarItem(page, 'API console').click();
    await page.getByRole('heading', { level: 1, name: 'API console' }).waitFor();
    found.push(...(await audit(session, '05-console-empty')));

    await page.getByLabel('Preset').selectOption({ label: 'My profile (read)' });
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('region', { name: 'Response' }).getByText('200 OK').waitFor();
    // The README's picture of the window (docs/images/console-answer.png is a copy of it).
    await page.screenshot({ path: `${SCREENSHOT_DIR}/readme-console-answer.png` });
    found.push(...(await audit(session, '06-console-answer')));

    await sidebarItem(page, 'History').click();
    await page.getByRole('list', { name: 'Requests, newest first' }).getByRole('listitem').first().waitFor();
    found.push(...(await audit(session, '07-history')));

    await sidebarItem(page, 'Gmail').click();
    await page.getByRole('tab', { name: 'Quick actions' }).click();
    await page.getByRole('button', { name: 'Latest messages' }).click();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('table', { name: /Latest messages/ }).waitFor();
    found.push(...(await audit(session, '08-quick-actions-table')));

    await page.getByLabel('Items per page').fill('2');
    await page.getByRole('button', { name: 'Fetch every page' }).click();
    await page.getByText(/items from \d+ pages/).waitFor();
    found.push(...(await audit(session, '09-paging')));

    // A write, selected: its "changes" mark sits on the selected item's tint.
    await page.getByRole('button', { name: /^Send a message to myself/ }).click();
    await page.getByRole('heading', { level: 2, name: /^Send a message to myself/ }).waitFor();
    found.push(...(await audit(session, '10-quick-actions-write')));
    expect(found).toEqual([]);
  });
});

describe('wording a new user stumbled on', () => {
  it("Settings: Google's card does not ask to register a URI it then says needs no registering, and offers no one-option radio group", async () => {
    const session = await world.open({ core: core(), autoBrowse: false });
    const { page } = session;
    await sidebarItem(page, 'Settings').click();
    const google = page.locator('[data-provider="google"]');
    const spotify = page.locator('[data-provider="spotify"]');
    await google.getByLabel('Client ID').waitFor();
    const googleText = (await google.textContent()) ?? '';
    expect(googleText).not.toMatch(/register the redirect URI/i);
    expect(googleText).toContain('nothing to register');
    expect(await google.getByLabel('Redirect URI to register').count()).toBe(0);
    expect(await google.getByLabel('Redirect URI', { exact: true }).inputValue()).toBe('http://127.0.0.1/callback');
    // Spotify does need the exact URI registered, and says so.
    expect(await spotify.textContent()).toMatch(/register the redirect URI/i);
    expect(await spotify.getByLabel('Redirect URI to register').count()).toBe(1);
    // A radio group is a choice: Google has one redirect kind, so it is stated, not offered.
    expect(await google.getByRole('radio').count()).toBe(0);
    expect(googleText).toMatch(/Loopback \(http:\/\/127\.0\.0\.1 on a free port\)/);
    expect(await spotify.getByRole('radio').count()).toBe(2);
    await session.screenshot('a11y-wording-settings');
  });

  it('a service page puts its title above its tabs, and "Accounts" is not both a tab and a heading', async () => {
    const session = await world.open({ core: core() });
    const { page } = session;
    await sidebarItem(page, 'Gmail').click();
    const title = page.getByRole('heading', { level: 1, name: 'Gmail' });
    await title.waitFor();
    const tabs = page.getByRole('tablist', { name: 'Gmail sections' });
    const titleFirst = await title.evaluate(
      // 4: Node.DOCUMENT_POSITION_FOLLOWING, the list comes after the heading.
      (h, list) => Boolean(list && h.compareDocumentPosition(list) & 4),
      await tabs.elementHandle(),
    );
    expect(titleFirst).toBe(true);
    const tabNames = await page.getByRole('tab').allTextContents();
    const headingNames = await page.getByRole('heading').allTextContents();
    expect(tabNames).toContain('Accounts');
    expect(headingNames.filter((h) => tabNames.includes(h.trim()))).toEqual([]);
    await session.screenshot('a11y-wording-service');
  });

  it("the console's needs-re-auth error offers Reconnect, which repairs the connection, and Send again answers", async () => {
    const session = await world.open({ core: core() });
    const { page } = session;
    await connect(page, 'Gmail');
    await sidebarItem(page, 'API console').click();
    await page.getByLabel('Preset').selectOption({ label: 'My profile (read)' });
    world.google.revokeAll();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const problem = page.getByRole('alert').filter({ hasText: /\S/ }).first();
    await problem.waitFor();
    const reconnect = page.getByRole('button', { name: 'Reconnect ada@example.com' });
    await reconnect.waitFor();
    expect(await audit(session, '11-console-needs-reauth')).toEqual([]);
    await reconnect.click();
    await page.getByText('Connected as ada@example.com.').waitFor();
    await page.bringToFront();
    await expect.poll(() => sidebarItem(page, 'Gmail').textContent()).toBe('GmailConnected · ada@example.com');
    await page.getByRole('button', { name: 'Send again' }).click();
    await page.getByRole('region', { name: 'Response' }).getByText('200 OK').waitFor();
    expect(((await session.invoke('connections.list')) as { id: string }[]).length).toBe(1);
  });
});
