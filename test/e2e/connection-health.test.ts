// Connection health end to end: the built renderer in Chromium, the real core in this process with
// a clock the test moves, the oidc-provider peers on loopback. The expiring warning with its date,
// Grant access repairing a connection in place, and connecting from a refresh token.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../src-shared/types';
import { signInOutsideJunction } from '../support/outside-sign-in';
import type { AppSession } from './lib/app-session';
import { sidebarItem, useE2eWorld } from './lib/world';

const world = useE2eWorld();
const DAY = 86_400_000;
const G = 'https://www.googleapis.com/auth/';

function core(extra: { now?: () => number } = {}) {
  return {
    providers: { google: world.google.providerOverride, spotify: world.spotify.providerOverride },
    services: { ...world.google.servicesOverride, ...world.spotify.servicesOverride },
    ...extra,
  };
}

/** The state at 1280×800 and 800×600, light and dark; the session's own size and scheme come back after. */
async function shots(session: AppSession, name: string): Promise<void> {
  const { page } = session;
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [width, height] of [
      [1280, 800],
      [800, 600],
    ] as const) {
      await page.setViewportSize({ width, height });
      await session.screenshot(`health-${name}-${width}x${height}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 860 });
}

/** A date as the page formats it: the person's locale and zone. */
function inPageLocale(page: Page, ms: number): Promise<string> {
  return page.evaluate((t) => new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }), ms);
}

async function connect(page: Page, service: string): Promise<void> {
  await sidebarItem(page, service).click();
  await page.getByRole('button', { name: `Connect ${service}` }).click();
  await page.getByText('Connected as ada@example.com.').waitFor();
  await page.bringToFront();
}

describe('connection health in the window', () => {
  it('ticks Testing, then shows the expiring warning with its date; Reconnect now renews the same connection', async () => {
    let clock = Date.now();
    const session = await world.open({ core: core({ now: () => clock }) });
    const { page } = session;

    await sidebarItem(page, 'Settings').click();
    const google = page.locator('[data-provider="google"]');
    await google.getByRole('checkbox', { name: 'This client is in Testing' }).check();
    await google.getByRole('button', { name: 'Save Google' }).click();
    await google.getByText('Google saved.').waitFor();
    await connect(page, 'Gmail');
    const [made] = (await session.invoke('connections.list')) as Connection[];
    expect(made?.refreshTokenExpiresAt).toBe((made?.lastAuthorizedAt ?? 0) + 7 * DAY);
    expect(made?.health.state).toBe('ok');

    // Six days on, the seven-day grant is within its last 48 hours: the core says so once.
    clock += 6 * DAY;
    await session.invoke('connections.list');
    const end = made?.refreshTokenExpiresAt ?? 0;
    const date = await inPageLocale(page, end);
    const notice = page.getByRole('status').filter({ hasText: 'the sign-in ends on' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain(`Gmail · ada@example.com: the sign-in ends on ${date}.`);
    await expect.poll(() => sidebarItem(page, 'Gmail').textContent()).toBe('GmailExpiring · ada@example.com');
    await shots(session, '01-expiring-notice');

    await notice.getByRole('button', { name: 'Open the connection' }).click();
    await page.getByRole('heading', { level: 1, name: 'ada@example.com' }).waitFor();
    expect(await page.getByText(/Sign-in ends on/).textContent()).toContain(date);
    expect(await page.getByRole('table', { name: 'Access: granted versus asked' }).getByText('Send email as you').count()).toBe(1);
    await shots(session, '02-expiring-detail');

    await page.getByRole('button', { name: 'Reconnect now' }).click();
    await page.getByText('Connected as ada@example.com.').waitFor();
    await page.bringToFront();
    await expect.poll(() => sidebarItem(page, 'Gmail').textContent()).toBe('GmailConnected · ada@example.com');
    expect(await page.getByText(/Sign-in ends on/).count()).toBe(0);
    const after = (await session.invoke('connections.list')) as Connection[];
    expect(after.map((c) => [c.id, c.health.state, c.refreshTokenExpiresAt])).toEqual([[made?.id, 'ok', clock + 7 * DAY]]);
  });

  it('Grant access on a missing-scope 403 repairs the same connection, and Send again succeeds', async () => {
    const session = await world.open({ core: core() });
    const { page } = session;
    await connect(page, 'Drive');
    const [before] = (await session.invoke('connections.list')) as Connection[];
    expect(before?.scopes).not.toContain(`${G}drive.readonly`);

    await sidebarItem(page, 'API console').click();
    await page.getByLabel('URL', { exact: true }).fill('/test/needs-scope?scope=drive.readonly&shape=header');
    await page.getByRole('button', { name: 'Send' }).click();
    const response = page.getByRole('region', { name: 'Response' });
    await response.getByText('403 Forbidden').waitFor();
    await page.getByText(/This connection lacks drive.readonly/).waitFor();
    await shots(session, '03-grant-access-offered');

    await page.getByRole('button', { name: 'Grant access' }).click();
    await page.getByText('Access granted to the same connection.').waitFor();
    await page.bringToFront();
    await shots(session, '04-grant-access-granted');
    await page.getByRole('button', { name: 'Send again' }).click();
    await response.getByText('200 OK').waitFor();
    expect(await page.getByRole('button', { name: 'Grant access' }).count()).toBe(0);
    const after = (await session.invoke('connections.list')) as Connection[];
    expect(after).toHaveLength(1);
    expect(after[0]?.id).toBe(before?.id);
    expect(after[0]?.scopes).toContain(`${G}drive.readonly`);
  });

  it('connects from a refresh token pasted in the window, and the token is nowhere in the page afterwards', async () => {
    const outside = await signInOutsideJunction(world.google, ['openid', 'email', 'profile', `${G}calendar`]);
    const session = await world.open({ core: core(), autoBrowse: false });
    const { page } = session;
    await sidebarItem(page, 'Calendar').click();
    await page.getByText('I already have a refresh token').click();
    const field = page.getByLabel('Refresh token', { exact: true });
    expect(await field.getAttribute('type')).toBe('password');
    await field.fill(outside.refreshToken);
    await shots(session, '05-import-filled');
    await page.getByRole('button', { name: 'Connect with this token' }).click();
    await page.getByText('Connected as ada@example.com.').waitFor();
    expect(await field.inputValue()).toBe('');
    expect(session.opened).toEqual([]);
    await expect.poll(() => sidebarItem(page, 'Calendar').textContent()).toBe('CalendarConnected · ada@example.com');
    await shots(session, '06-imported');

    await page.getByRole('button', { name: 'Open the connection' }).click();
    await page.getByRole('button', { name: 'Test' }).click();
    await page.getByText('200 OK: the connection works.').waitFor();
    const seen = await page.evaluate<string>('document.documentElement.outerHTML + JSON.stringify({ ...localStorage, ...sessionStorage })');
    expect(seen).not.toContain(outside.refreshToken);

    // A token the provider refuses: said in words, nothing stored, the field cleared.
    await sidebarItem(page, 'Calendar').click();
    await page.getByText('I already have a refresh token').click();
    await page.getByLabel('Refresh token', { exact: true }).fill('not-a-refresh-token-at-all');
    await page.getByRole('button', { name: 'Connect with this token' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/\S/);
    expect(await page.getByLabel('Refresh token', { exact: true }).inputValue()).toBe('');
    expect((await session.invoke('connections.list')) as Connection[]).toHaveLength(1);
    await shots(session, '07-import-refused');
  });

  it('says in red why Google is not set up without its secret, and what went wrong when a sign-in stays silent', async () => {
    const { clientId: _id, clientSecret: _secret, ...endpoints } = world.google.providerOverride;
    const session = await world.open({
      core: { providers: { google: endpoints }, services: world.google.servicesOverride },
      autoBrowse: false,
    });
    const { page } = session;
    await sidebarItem(page, 'Settings').click();
    const google = page.locator('[data-provider="google"]');
    await google.getByLabel('Client ID').fill(world.google.clientId);
    await google.getByRole('button', { name: 'Save Google' }).click();
    const alert = google.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^Saved, but Google is not set up yet: .*client secret/);
    expect(await google.getByText('Google saved.').count()).toBe(0);
    expect(await google.getByLabel('Client secret').getAttribute('aria-invalid')).toBe('true');
    await google.getByText(/^Required: Google is not set up until the client secret is saved/).waitFor();
    await shots(session, '08-settings-secret-missing');

    await google.getByLabel('Client secret').fill(world.google.clientSecret ?? '');
    await google.getByRole('button', { name: 'Save Google' }).click();
    await google.getByText('Google saved.').waitFor();
    expect(await google.getByText(/^Required:/).count()).toBe(0);
    await expect.poll(() => sidebarItem(page, 'Drive').textContent()).toBe('DriveNot connected');

    // Nothing comes back from the browser (the provider's page stopped on invalid_client): 20 s on the page's clock.
    await page.clock.install();
    await page.reload();
    await sidebarItem(page, 'Drive').click();
    await page.getByRole('button', { name: 'Connect Drive' }).click();
    await page.getByText('Continue in your browser').waitFor();
    expect(await page.getByText(/Nothing has come back/).count()).toBe(0);
    await page.clock.fastForward(20_000);
    const help = page.getByText(/Nothing has come back from the browser yet/);
    await help.waitFor();
    expect(await page.locator('.pending-help').textContent()).toMatch(/invalid_client.*redirect_uri_mismatch.*check both in Settings/);
    await shots(session, '09-silent-sign-in');
    await page.getByRole('button', { name: 'Check Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await page.evaluate<string>("document.activeElement?.closest('[data-provider]')?.getAttribute('data-provider')")).toBe('google');
  });

  it('connects Gmail and Calendar with one consent from the Connect card', async () => {
    const session = await world.open({ core: core() });
    const { page } = session;
    world.google.resetStats();
    await sidebarItem(page, 'Gmail').click();
    await page.getByRole('group', { name: 'Also connect' }).getByLabel('Calendar').check();
    await shots(session, '10-connect-several');
    await page.getByRole('button', { name: 'Connect Gmail + 1 more' }).click();
    await page.getByText('Connected as ada@example.com: Gmail and Calendar, with one sign-in.').waitFor();
    await page.bringToFront();
    expect(session.opened).toHaveLength(1);
    expect(world.google.stats.token.authorization_code).toBe(1);
    const scopes = new URL(session.opened[0] ?? '').searchParams.get('scope')?.split(' ') ?? [];
    expect(scopes).toEqual(expect.arrayContaining([`${G}gmail.readonly`, `${G}calendar`]));
    await expect.poll(() => sidebarItem(page, 'Calendar').textContent()).toBe('CalendarConnected · ada@example.com');
    expect(await sidebarItem(page, 'Gmail').textContent()).toBe('GmailConnected · ada@example.com');
    const list = (await session.invoke('connections.list')) as Connection[];
    expect(list.map((c) => c.service).sort()).toEqual(['google_calendar', 'google_gmail']);
    await shots(session, '11-connected-several');
  });
});
