// The console's layout and state in real Chromium over the real core: request beside response on a
// wide window and the status line in view on a small one, no sideways page scroll at 800×600, the
// URL and the parameter table as one, no stale errors, paths or answers, a wait that says what it
// waits for, focus kept in the form after Send and the answer announced once.
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

/** How far the page scrolls sideways (0 when it fits). */
function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

const url = (page: Page) => page.getByLabel('URL', { exact: true });
/** The parameter table as `name=value` lines, in order. */
const queryRows = (page: Page) =>
  page.evaluate<string[]>(`[...document.querySelectorAll('fieldset.kv')[0].querySelectorAll('.kv-row')].map((row) => {
    const [name, value] = row.querySelectorAll('input:not([type=checkbox])');
    return name.value + '=' + value.value;
  })`);

describe('the console, laid out for daily use', () => {
  it('puts the response beside the request on a wide window and its status line in view at 800×600', async () => {
    const session = await world.open({ core: core() });
    const { page } = session;
    await page.setViewportSize({ width: 1280, height: 800 });
    await connect(page, 'Gmail');
    await openConsoleFor(page, 'Gmail');
    await page.getByLabel('Preset').selectOption({ label: 'List messages (read)' });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const response = page.getByRole('region', { name: 'Response' });
    const status = response.getByText('200 OK');
    await status.waitFor();
    const form = await page.getByRole('form', { name: 'Request' }).boundingBox();
    const answer = await response.boundingBox();
    expect(form && answer && answer.x >= form.x + form.width - 1).toBe(true);
    expect(form && answer && answer.y < form.y + form.height).toBe(true);
    const wide = await status.boundingBox();
    expect(wide && wide.y >= 0 && wide.y + wide.height <= 800).toBe(true);
    await session.screenshot('console-layout-01-wide');

    // The split moves by keyboard (and pointer) and is remembered across a restart of the window.
    const split = page.getByRole('separator', { name: 'Resize request and response' });
    expect(await split.getAttribute('aria-valuenow')).toBe('50');
    await split.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await split.getAttribute('aria-valuenow')).toBe('60');
    const grip = await split.boundingBox();
    if (!grip) throw new Error('no separator on screen');
    await page.mouse.move(grip.x + grip.width / 2, grip.y + 100);
    await page.mouse.down();
    await page.mouse.move(grip.x + grip.width / 2 - 200, grip.y + 100, { steps: 4 });
    await page.mouse.up();
    const dragged = Number(await split.getAttribute('aria-valuenow'));
    expect(dragged).toBeLessThan(45);
    await page.reload();
    await sidebarItem(page, 'API console').click();
    expect(Number(await split.getAttribute('aria-valuenow'))).toBe(dragged);
    await page.getByLabel('Preset').selectOption({ label: 'List messages (read)' });

    // A small window stacks them, and the answer's status line is still on screen without scrolling.
    await page.setViewportSize({ width: 800, height: 600 });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await status.waitFor();
    const small = await status.boundingBox();
    expect(small && small.y >= 0 && small.y + small.height <= 600).toBe(true);
    expect(await sidewaysScroll(page)).toBe(0);
    await session.screenshot('console-layout-02-small');

    // A re-run from History lands on its answer, status line on screen, at the small size too.
    await sidebarItem(page, 'History').click();
    await page.getByRole('list', { name: 'Requests, newest first' }).getByRole('button', { name: 'Re-run' }).first().click();
    await status.waitFor();
    const rerun = await status.boundingBox();
    expect(rerun && rerun.y >= 0 && rerun.y + rerun.height <= 600).toBe(true);
  });

  it('has no sideways page scroll at 800×600 on any screen, and the parameter rows stay in their card', async () => {
    const session = await world.open({ core: core() });
    const { page } = session;
    await page.setViewportSize({ width: 800, height: 600 });
    await expect.poll(() => sidebarItem(page, 'Gmail').count()).toBe(1);
    expect(await sidewaysScroll(page), 'first start').toBe(0);
    await connect(page, 'Gmail');
    expect(await sidewaysScroll(page), 'service').toBe(0);

    await page.getByRole('tab', { name: 'Quick actions' }).click();
    await page.getByRole('button', { name: 'Latest messages' }).click();
    await page.getByLabel('How many messages').fill('5');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('table', { name: /Latest messages/ }).waitFor();
    await session.screenshot('console-layout-03-quick-actions-small');
    expect(await sidewaysScroll(page), 'quick actions with a table').toBe(0);
    // Paging: every page of a list, merged into one table.
    await page.getByLabel('Items per page').fill('2');
    await page.getByRole('button', { name: 'Fetch every page' }).click();
    await page.getByRole('table', { name: /Messages \(IDs\)/ }).waitFor();
    expect(await sidewaysScroll(page), 'paging').toBe(0);
    await session.screenshot('console-layout-04-paging-small');

    await page
      .getByRole('list', { name: 'Gmail accounts' })
      .getByRole('button', { name: /ada@example.com/ })
      .click();
    await page.getByRole('heading', { name: 'ada@example.com' }).waitFor();
    expect(await sidewaysScroll(page)).toBe(0);
    await openConsoleFor(page, 'Gmail');
    await page.getByLabel('Preset').selectOption({ label: 'List messages (read)' });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('region', { name: 'Response' }).getByText('200 OK').waitFor();
    expect(await sidewaysScroll(page)).toBe(0);
    const card = await page.getByRole('form', { name: 'Request' }).boundingBox();
    const row = await page.getByRole('group', { name: 'Query parameters' }).locator('.kv-row').first().boundingBox();
    expect(card && row && row.x + row.width <= card.x + card.width).toBe(true);
    await session.screenshot('console-layout-05-console-small');

    for (const screen of ['History', 'Settings']) {
      await sidebarItem(page, screen).click();
      await page.getByRole('heading', { level: 1, name: screen }).waitFor();
      expect(await sidewaysScroll(page), screen).toBe(0);
    }
  });

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
    await session.screenshot('console-layout-06-waiting');
    expect(await page.evaluate<string | undefined>(focusedForm)).toBe('Request');
    releaseSlow?.();
    await page.getByRole('region', { name: 'Response' }).getByText('200 OK').waitFor();
    expect(await page.evaluate<string | undefined>(focusedForm)).toBe('Request');
    const announced = await page.evaluate<number>(`[...document.querySelectorAll('[role=status], [role=alert], [aria-live]')]
      .filter((el) => el.getAttribute('aria-live') !== 'off' && el.textContent.includes('200 OK')).length`);
    expect(announced).toBe(1);
  });

  it("opens an error answer two levels deep: the provider's message shows without a click", async () => {
    const session = await world.open({ core: core() });
    const { page } = session;
    await connect(page, 'Gmail');
    await openConsoleFor(page, 'Gmail');
    await url(page).fill('/users/me/messages/no-such-message');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const response = page.getByRole('region', { name: 'Response' });
    await response.getByText('404 Not Found').waitFor();
    // Google's shape: { error: { code, message, status } }. Before, the tree showed `error: { 3 keys }`.
    await response.getByText('"Requested entity was not found."').waitFor({ timeout: 5_000 });
    await response.getByText('"NOT_FOUND"').waitFor({ timeout: 5_000 });
    expect(await response.getByRole('button', { name: /^Expand error/ }).count()).toBe(0);
    await session.screenshot('console-layout-07-error-open');
  });
});
