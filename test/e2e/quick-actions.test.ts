// Quick actions end to end: the built renderer in real Chromium, the real core in this process,
// the actions' typed clients answered by the API fixtures behind the oidc-provider peers' tokens.
// One action per provider is clicked and its table shows; a write asks first; a paged list shows
// its progress bar and stops on Cancel.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  installGoogleApiFixtures,
  installSpotifyApiFixtures,
  type ApiFixtures,
  type GoogleFixtureState,
  type SpotifyFixtureState,
} from '../support/api-fixtures';
import { sidebarItem, useE2eWorld } from './lib/world';

let googleApi: ApiFixtures<GoogleFixtureState>;
let spotifyApi: ApiFixtures<SpotifyFixtureState>;
const world = useE2eWorld(({ google, spotify }) => {
  googleApi = installGoogleApiFixtures(google);
  spotifyApi = installSpotifyApiFixtures(spotify);
});

function core() {
  return {
    providers: { google: world.google.providerOverride, spotify: world.spotify.providerOverride },
    services: { ...world.google.servicesOverride, ...world.spotify.servicesOverride },
  };
}

/** Connects the service's account through the peer, then opens its Quick actions tab. */
async function connectAndOpenActions(page: Page, service: string, tick: RegExp[] = []): Promise<void> {
  await sidebarItem(page, service).click();
  // Optional scopes, by their plain words (Gmail is read-only unless sending is ticked).
  for (const label of tick) await page.getByLabel(label).check();
  await page.getByRole('button', { name: `Connect ${service}` }).click();
  await page.getByText('Connected as ada@example.com.').waitFor();
  // The sign-in page took the foreground; a background page gets no animation frames, so every click would wait ~2 s.
  await page.bringToFront();
  await page.getByRole('tab', { name: 'Quick actions' }).click();
  await page.getByRole('heading', { level: 1, name: `${service} quick actions` }).waitFor();
}

function columnHeaders(page: Page, table: string) {
  return page
    .getByRole('table', { name: new RegExp(table) })
    .getByRole('columnheader')
    .allTextContents();
}

describe('quick actions in the window', () => {
  it('Gmail: latest messages as a table and as JSON, a send that asks first, every page with progress and Cancel', async () => {
    const session = await world.open({ core: core() });
    const { page } = session;
    await connectAndOpenActions(page, 'Gmail', [/Send email as you/]);
    expect(await page.getByText('Runs as ada@example.com').count()).toBe(1);

    await page.getByRole('button', { name: 'Latest messages' }).click();
    await page.getByLabel('How many messages').fill('5');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const table = page.getByRole('table', { name: /Latest messages/ });
    await table.waitFor();
    expect(await columnHeaders(page, 'Latest messages')).toEqual(['From', 'Subject', 'Date', 'Snippet', 'Unread', 'ID']);
    expect(await table.getByRole('row').count()).toBe(6);
    const subject = googleApi.state.messages[0]?.headers.find((h) => h.name === 'Subject')?.value;
    expect(await table.getByRole('row').nth(1).textContent()).toContain(subject ?? '(no fixture)');
    expect(googleApi.callsTo('GET', '/gmail/v1/users/me/messages')[0]?.query.get('maxResults')).toBe('5');
    await session.screenshot('quick-actions-01-gmail-latest-messages');

    const result = page.getByRole('region', { name: 'Latest messages result' });
    await result.getByRole('button', { name: 'JSON', exact: true }).click();
    await result.getByRole('button', { name: /^Collapse root/ }).waitFor();
    expect(await result.getByRole('table').count()).toBe(0);
    await session.screenshot('quick-actions-02-gmail-json');
    await result.getByRole('button', { name: 'JSON', exact: true }).click();
    await table.waitFor();

    // A write asks first, and sends nothing until confirmed.
    await page.getByRole('button', { name: /Send a message to myself/ }).click();
    await page.getByLabel('Subject').fill('Note to self from the E2E run');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const confirm = page.getByRole('alertdialog', { name: /Send a message to myself.*ada@example.com/ });
    await confirm.waitFor();
    // The request it will send, as the console's confirmation shows one, and the safe choice focused.
    expect(await confirm.textContent()).toContain(`POST ${world.google.servicesOverride.google_gmail?.apiBaseUrl}/users/me/messages/send`);
    expect(await page.evaluate<string>('document.activeElement?.textContent ?? ""')).toBe('Cancel');
    expect(googleApi.state.sent).toHaveLength(0);
    await session.screenshot('quick-actions-03-gmail-confirm-write');
    await confirm.getByRole('button', { name: 'Yes, run it' }).click();
    await page.getByRole('table', { name: /Send a message to myself/ }).waitFor();
    expect(googleApi.state.sent).toHaveLength(1);
    expect(await page.getByRole('table', { name: /Send a message to myself/ }).textContent()).toContain('Note to self from the E2E run');

    // Every page of the message list, two per page; the third page is slow, so the bar shows and Cancel stops it.
    world.google.api.next('/gmail/v1/users/me/messages', [{ delayMs: 0 }, { delayMs: 0 }, { delayMs: 8_000 }]);
    await page.getByLabel('Items per page').fill('2');
    await page.getByRole('button', { name: 'Fetch every page' }).click();
    const bar = page.getByRole('progressbar', { name: /Page 2 of at most 10 · 4 items so far/ });
    await bar.waitFor();
    expect(await bar.getAttribute('value')).toBe('2');
    await session.screenshot('quick-actions-04-gmail-paging-progress');
    const started = Date.now();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText(/4 items from 2 pages \(stopped when you cancelled\)/).waitFor();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await page.getByRole('progressbar').count()).toBe(0);
    expect(
      await page
        .getByRole('table', { name: /Messages \(IDs\)/ })
        .getByRole('row')
        .count(),
    ).toBe(5);
  });

  it('Calendar: an event created from the date picker reaches the API in RFC 3339 with the offset', async () => {
    const session = await world.open({ core: core() });
    const { page } = session;
    await connectAndOpenActions(page, 'Calendar');
    await page.getByRole('button', { name: /Create an event/ }).click();
    await page.getByLabel(/^Title/).fill('Tea with Grace');
    await page.getByLabel(/^Start/).fill('2026-11-24T10:30');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Yes, run it' }).click();
    await page.getByRole('table', { name: /Create an event/ }).waitFor();
    const [created] = googleApi.callsTo('POST', /\/calendar\/v3\/calendars\/[^/]+\/events$/);
    // The page runs in the test machine's zone, so the offset is that of Node's zone at that date.
    const offset = -new Date('2026-11-24T10:30').getTimezoneOffset();
    const zone = `${offset >= 0 ? '+' : '-'}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
    expect(created?.json).toMatchObject({ summary: 'Tea with Grace', start: { dateTime: `2026-11-24T10:30:00${zone}` } });
    await session.screenshot('quick-actions-07-calendar-created');
  });

  it('Spotify: my playlists as a table, every page merged, and a playback command that asks first', async () => {
    const session = await world.open({ core: core(), colorScheme: 'dark' });
    const { page } = session;
    await connectAndOpenActions(page, 'Spotify');

    await page.getByRole('button', { name: 'My playlists' }).click();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const table = page.getByRole('table', { name: /My playlists/ });
    await table.waitFor();
    expect(await columnHeaders(page, 'My playlists')).toEqual(['Name', 'Owner', 'Tracks', 'Public', 'Collaborative', 'Link', 'ID']);
    expect(await table.getByRole('row').count()).toBe(21);
    expect(await table.getByRole('row').nth(1).textContent()).toContain(spotifyApi.state.playlists[0]?.name ?? '(no fixture)');
    await session.screenshot('quick-actions-05-spotify-my-playlists');

    await page.getByLabel('Items per page').fill('20');
    await page.getByRole('button', { name: 'Fetch every page' }).click();
    await page.getByText('45 items from 3 pages (all pages)').waitFor();
    expect(await page.getByRole('table', { name: /^My playlists \(45 rows\)/ }).count()).toBe(1);
    await session.screenshot('quick-actions-06-spotify-every-page');

    await page.getByRole('button', { name: /^Pause/ }).click();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(spotifyApi.callsTo('PUT', '/v1/me/player/pause')).toHaveLength(0);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Yes, run it' }).click();
    await page.getByRole('table', { name: /Pause/ }).waitFor();
    expect(spotifyApi.callsTo('PUT', '/v1/me/player/pause')).toHaveLength(1);
  });
});
