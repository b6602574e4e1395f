// The console's state in real Chromium over the real core: the URL and the parameter table as one,
// no stale errors, paths or answers, a wait that says what it waits for, focus kept in the form
// after Send and the answer announced once.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { installGoogleApiFixtures, installSpotifyApiFixtures, type ApiFixtures, type GoogleFixtureState } from '../support/api-fixtures';
import { sidebarItem, useE2eWorld } from './lib/world';

let googleApi: ApiFixtures<GoogleFixtureState>;
let releaseSlow: (() => void) | undefined;
const world = useE2eWorld(({ google, spotify }) => {
  googleApi = installGoogleApiFixtures(google);
  installSpotifyApiFixtures(spotify);
  // An answer that comes only when the test says so, to look at the window while it waits.
  google.api.route('GET', '/gmail/v1/users/me/slow', () => new Promise((resolve) => (releaseSlow = () => resolve({ json: { ok: true } }))));
});

function core() {
  return {
    providers: { google: world.google.providerOverride, spotify: world.spotify.providerOverride },
    services: { ...world.google.servicesOverride, ...world.spotify.servicesOverride },
  };
}

async function connect(page: Page, service: string): Promise<void> {
  await sidebarItem(page, service).click();
  await page.getByRole('button', { name: `Connect ${service}` }).click();
  await page.getByText('Connected as ada@example.com.').waitFor();
  await page.bringToFront();
}

/** The connection's detail page (from the service's account list), then its "Open in console". */
async function openConsoleFor(page: Page, service: string): Promise<void> {
  await sidebarItem(page, service).click();
  await page
    .getByRole('list', { name: `${service} accounts` })
    .getByRole('button', { name: /ada@example.com/ })
    .click();
  await page.getByRole('button', { name: 'Open in console' }).click();
  await page.getByRole('heading', { level: 1, name: 'API console' }).waitFor();
}

async function openConsole(page: Page): Promise<void> {
  await sidebarItem(page, 'API console').click();
  await page.getByRole('heading', { level: 1, name: 'API console' }).waitFor();
}

const focusedForm = "document.activeElement?.closest('form')?.getAttribute('aria-label')";
const url = (page: Page) => page.getByLabel('URL', { exact: true });
/** The parameter table as `name=value` lines, in order. */
const queryRows = (page: Page) =>
  page.evaluate<string[]>(`[...document.querySelectorAll('fieldset.kv')[0].querySelectorAll('.kv-row')].map((row) => {
    const [name, value] = row.querySelectorAll('input:not([type=checkbox])');
    return name.value + '=' + value.value;
  })`);

describe('the console, laid out for daily use', () => {
  it('keeps the URL and the parameter table as one', async () => {
    const session = await world.open({ core: core() });
    const { page } = session;
    await connect(page, 'Gmail');
    await openConsoleFor(page, 'Gmail');
    await page.getByLabel('Preset').selectOption({ label: 'List messages (read)' });
    expect(await url(page).inputValue()).toBe('/users/me/messages?maxResults=10');

    // The URL edits the table: the typed value replaces the row's, and only it is sent.
    await url(page).fill('/users/me/messages?maxResults=3');
    expect(await queryRows(page)).toEqual(['maxResults=3']);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('region', { name: 'Response' }).getByText('200 OK').waitFor();
    const sent = googleApi.callsTo('GET', '/gmail/v1/users/me/messages').at(-1);
    expect(sent?.query.getAll('maxResults')).toEqual(['3']);

    // The table edits the URL, and a name given twice is two explicit rows.
    await page.getByLabel('Query parameters 1 value').fill('7');
    expect(await url(page).inputValue()).toBe('/users/me/messages?maxResults=7');
    await url(page).fill('/users/me/messages?labelIds=INBOX&labelIds=UNREAD&maxResults=7');
    expect(await queryRows(page)).toEqual(['labelIds=INBOX', 'labelIds=UNREAD', 'maxResults=7']);
    await page.getByRole('button', { name: 'Remove parameter 2' }).click();
    expect(await url(page).inputValue()).toBe('/users/me/messages?labelIds=INBOX&maxResults=7');
  });

  it('leaves no stale error, path or answer behind', async () => {
    const session = await world.open({ core: core() });
    const { page } = session;
    await connect(page, 'Gmail');
    await connect(page, 'Spotify');
    await openConsole(page);
    await url(page).fill('/users/me/profile');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('Pick a connection to send the request with.').waitFor();
    await page.getByLabel('Connection').selectOption({ label: 'Gmail — ada@example.com' });
    await expect.poll(() => page.getByText('Pick a connection to send the request with.').count()).toBe(0);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('region', { name: 'Response' }).getByText('200 OK').waitFor();

    // Another service's connection brings that service's default path, not Gmail's.
    await page.getByLabel('Connection').selectOption({ label: 'Spotify — ada@example.com' });
    expect(await url(page).inputValue()).toBe('/me');
    // So does "Open in console" from another service's page.
    await openConsoleFor(page, 'Gmail');
    expect(await url(page).inputValue()).toBe('/users/me/profile');

    // Loading an older request clears the answer that belonged to another one.
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('region', { name: 'Response' }).getByText('200 OK').waitFor();
    await sidebarItem(page, 'History').click();
    await page.getByRole('list', { name: 'Requests, newest first' }).getByRole('button', { name: 'Load into form' }).last().click();
    await page.getByRole('heading', { level: 1, name: 'API console' }).waitFor();
    expect(await page.getByRole('region', { name: 'Response' }).count()).toBe(0);
  });

  it('says what it waits for, keeps focus in the form after Send, and announces the answer once', async () => {
    const session = await world.open({ core: core() });
    const { page } = session;
    await connect(page, 'Gmail');
    await openConsoleFor(page, 'Gmail');
    await url(page).fill('/users/me/slow');
    const send = page.getByRole('button', { name: 'Send', exact: true });
    await send.focus();
    await page.keyboard.press('Enter');
    const waiting = page.getByText(/Waiting for Gmail to answer GET .*\/users\/me\/slow/);
    await waiting.waitFor();
    await session.screenshot('console-layout-05-waiting');
    expect(await page.evaluate<string | undefined>(focusedForm)).toBe('Request');
    releaseSlow?.();
    await page.getByRole('region', { name: 'Response' }).getByText('200 OK').waitFor();
    expect(await page.evaluate<string | undefined>(focusedForm)).toBe('Request');
    const announced = await page.evaluate<number>(`[...document.querySelectorAll('[role=status], [role=alert], [aria-live]')]
      .filter((el) => el.getAttribute('aria-live') !== 'off' && el.textContent.includes('200 OK')).length`);
    expect(announced).toBe(1);
  });
});
