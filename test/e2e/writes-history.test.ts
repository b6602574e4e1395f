// Writes and History end to end: the built renderer in Chromium over the real core, Gmail answered
// by the API fixtures behind the oidc-provider peer's tokens. Each test is one complaint from the
// window of before: a request that is not GET/HEAD asks once wherever it comes from (the console's
// mail preset, now To/Subject/Text; History's Re-run), confirmation boxes focus the safe choice and
// keep Tab inside, Clear history asks and can be undone, a quick action's requests are in History.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../src-shared/types';
import { installGoogleApiFixtures, type ApiFixtures, type GoogleFixtureState } from '../support/api-fixtures';
import type { AppSession } from './lib/app-session';
import { sidebarItem, useE2eWorld } from './lib/world';

let googleApi: ApiFixtures<GoogleFixtureState>;
const world = useE2eWorld(({ google }) => {
  googleApi = installGoogleApiFixtures(google);
});

function core() {
  return { providers: { google: world.google.providerOverride }, services: world.google.servicesOverride };
}

async function connectGmail(page: Page): Promise<void> {
  await sidebarItem(page, 'Gmail').click();
  await page.getByLabel(/Send email as you/).check();
  await page.getByRole('button', { name: 'Connect Gmail' }).click();
  await page.getByText('Connected as ada@example.com.').waitFor();
  await page.bringToFront();
}

const focused = (page: Page) => page.evaluate<string>('document.activeElement?.textContent ?? ""');
const focusInDialog = (page: Page) =>
  page.evaluate<boolean>('!!document.querySelector("[role=alertdialog]")?.contains(document.activeElement)');

/** Tab and Shift+Tab many times: focus never leaves the box. */
async function expectFocusTrapped(page: Page): Promise<void> {
  for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    expect(await focusInDialog(page)).toBe(true);
  }
}

function historyEntries(page: Page) {
  return page.getByRole('list', { name: 'Requests, newest first' }).getByRole('listitem');
}

function decodedSubject(raw: string | undefined): string {
  const head =
    Buffer.from(raw ?? '', 'base64url')
      .toString('utf8')
      .split('\r\n\r\n')[0] ?? '';
  return head.split('\r\n').find((line) => line.startsWith('Subject: ')) ?? '';
}

/** History as a window of before would have stored it: entries written straight to localStorage, then a reload. */
async function seedHistory(session: AppSession, bodies: { method: string; url: string; body: string }[]): Promise<void> {
  const [connection] = (await session.invoke('connections.list')) as Connection[];
  const entries = bodies.map((request, i) => ({
    id: `seeded-${i}`,
    at: Date.now() - i * 1000,
    connectionId: connection?.id,
    service: 'google_gmail',
    account: 'ada@example.com',
    apiBaseUrl: connection?.apiBaseUrl,
    request: { ...request, query: [], headers: [] },
    outcome: { kind: 'response', status: 200, statusText: 'OK', durationMs: 5, sizeBytes: 10 },
  }));
  await session.page.evaluate(`localStorage.setItem('junction.history.v1', ${JSON.stringify(JSON.stringify(entries))})`);
  await session.page.reload();
  await sidebarItem(session.page, 'History').click();
  await expect.poll(() => historyEntries(session.page).count()).toBe(entries.length);
}

describe('writes and history in the window', () => {
  it('the console’s mail preset shows To/Subject/Text, and asks with the method, URL and message before sending', async () => {
    const session = await world.open({ core: core() });
    const { page } = session;
    await connectGmail(page);
    await sidebarItem(page, 'API console').click();
    await page.getByLabel('Preset').selectOption({ label: 'Send a message to myself (write)' });

    // The message as fields, not as an opaque base64 body.
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe('ada@example.com');
    expect(await page.getByLabel('Body (JSON)').count()).toBe(0);
    // A display name is a valid To (no browser e-mail check stops Send).
    await page.getByLabel('To', { exact: true }).fill('Ada Lovelace <ada@example.com>');
    await page.getByLabel('Subject', { exact: true }).fill('From the console');
    await page.getByLabel('Text', { exact: true }).fill('Hello from the E2E run');
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    const dialog = page.getByRole('alertdialog', { name: 'Send POST as ada@example.com?' });
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain(`POST ${world.google.servicesOverride.google_gmail?.apiBaseUrl}/users/me/messages/send`);
    expect(text).toContain('From the console');
    expect(text).toContain('Hello from the E2E run');
    expect(googleApi.state.sent).toHaveLength(0);
    await session.screenshot('writes-01-console-mail-confirm');
    await page.setViewportSize({ width: 800, height: 600 });
    // What the person sees (not the full page): the box over everything, the buttons on screen.
    await page.screenshot({ path: 'test-results/writes-02-console-mail-confirm-800x600.png' });
    expect(await dialog.getByRole('button', { name: 'Yes, send it' }).isVisible()).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });

    await dialog.getByRole('button', { name: 'Yes, send it' }).click();
    await page.getByRole('region', { name: 'Response' }).getByText('200 OK').waitFor();
    expect(googleApi.state.sent).toHaveLength(1);
    expect(decodedSubject(googleApi.state.sent[0]?.raw)).toBe('Subject: From the console');
    expect(Buffer.from(googleApi.state.sent[0]?.raw ?? '', 'base64url').toString('utf8')).toMatch(
      /^To: Ada Lovelace <ada@example.com>\r\n/,
    );
  });

  it('History’s Re-run of a POST asks first and sends nothing on Escape; "don’t ask again" lasts the session', async () => {
    const session = await world.open({ core: core() });
    const { page } = session;
    await connectGmail(page);
    const sent = googleApi.state.sent.length;
    await seedHistory(session, [
      { method: 'POST', url: '/users/me/messages/send', body: '{\n  "raw": "VG86IGFkYUBleGFtcGxlLmNvbQ0KDQpoaQ"\n}' },
    ]);

    await historyEntries(page).first().getByRole('button', { name: 'Re-run' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Send POST as ada@example.com?' });
    await dialog.waitFor({ timeout: 3_000 });
    await page.keyboard.press('Escape');
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    expect(googleApi.state.sent.length).toBe(sent);
    // The Re-run button is gone with History: focus goes to the console's heading, not to <body>.
    expect(await focused(page)).toBe('API console');

    await sidebarItem(page, 'History').click();
    await historyEntries(page).first().getByRole('button', { name: 'Re-run' }).click();
    await dialog.getByLabel(/Don.t ask again/).check();
    await dialog.getByRole('button', { name: 'Yes, send it' }).click();
    await expect.poll(() => googleApi.state.sent.length).toBe(sent + 1);
    await sidebarItem(page, 'History').click();
    await historyEntries(page).first().getByRole('button', { name: 'Re-run' }).click();
    await expect.poll(() => googleApi.state.sent.length).toBe(sent + 2);
    expect(await page.getByRole('alertdialog').count()).toBe(0);
  });

  it('confirmation boxes focus the safe choice and keep Tab inside (Disconnect)', async () => {
    const session = await world.open({ core: core() });
    const { page } = session;
    await connectGmail(page);
    await sidebarItem(page, 'ada@example.com').click();
    await page.getByRole('button', { name: 'Disconnect' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Disconnect ada@example.com?' });
    await dialog.waitFor();
    expect(await focused(page)).toBe('Keep it');
    await expectFocusTrapped(page);
    await page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
    // Focus is back where it was before the box opened.
    expect(await focused(page)).toBe('Disconnect');
  });

  it('Clear history asks (safe choice focused), and an Undo notice puts everything back', async () => {
    const session = await world.open({ core: core(), colorScheme: 'dark' });
    const { page } = session;
    await connectGmail(page);
    await seedHistory(session, [
      { method: 'GET', url: '/users/me/profile', body: '' },
      { method: 'GET', url: '/users/me/labels', body: '' },
    ]);
    await page.getByRole('button', { name: 'Clear history' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Clear 2 requests from history?' });
    await dialog.waitFor({ timeout: 3_000 });
    expect(await focused(page)).toBe('Keep them');
    await expectFocusTrapped(page);
    await session.screenshot('writes-04-clear-confirm');
    await dialog.getByRole('button', { name: 'Keep them' }).click();
    expect(await historyEntries(page).count()).toBe(2);

    await page.getByRole('button', { name: 'Clear history' }).click();
    await dialog.getByRole('button', { name: 'Yes, clear history' }).click();
    await page.getByText('No requests yet.').waitFor();
    await page.getByText('History cleared (2 requests).').waitFor();
    await session.screenshot('writes-05-cleared-undo');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => historyEntries(page).count()).toBe(2);
    const stored = await page.evaluate<string>("localStorage.getItem('junction.history.v1') ?? '[]'");
    expect((JSON.parse(stored) as unknown[]).length).toBe(2);
  });

  it('a quick action’s requests are in History under its name, and can be copied and re-run', async () => {
    const session = await world.open({ core: core(), colorScheme: 'dark' });
    const { page } = session;
    await connectGmail(page);
    await page.getByRole('tab', { name: 'Quick actions' }).click();
    await page.getByRole('button', { name: 'Latest messages' }).click();
    await page.getByLabel('How many messages').fill('3');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('table', { name: /Latest messages/ }).waitFor();

    // One list and three gets, each tagged with the action.
    await sidebarItem(page, 'History').click();
    const tagged = historyEntries(page).filter({ hasText: 'Quick action: Latest messages' });
    await expect.poll(() => tagged.count(), { timeout: 3_000 }).toBe(4);
    const list = tagged.filter({ hasText: /\/users\/me\/messages\?/ });
    expect(await list.count()).toBe(1);
    await session.screenshot('writes-03-history-quick-action');
    await list.getByRole('button', { name: 'Copy as curl' }).click();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toContain('/users/me/messages?maxResults=3');
    const before = googleApi.callsTo('GET', '/gmail/v1/users/me/messages').length;
    await list.getByRole('button', { name: 'Re-run' }).click();
    await page.getByRole('region', { name: 'Response' }).getByText('200 OK').waitFor();
    expect(googleApi.callsTo('GET', '/gmail/v1/users/me/messages').length).toBe(before + 1);
  });
});
