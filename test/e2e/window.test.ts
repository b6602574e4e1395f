// The Junction window end to end: the built renderer in real Chromium, every call going to the
// real core in this process, the core signing in against oidc-provider peers on loopback.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Connection } from '../../src-shared/types';
import { describe, expect, it } from 'vitest';
import { createTestCipher } from '../support/cipher';
import { makeTempDir } from '../support/temp-dir';
import type { OAuthPeer } from '../support/oauth-peer';
import { browseTo } from './lib/app-session';
import { saveDialogInto } from './lib/save-dialog';
import { sidebarItem, useE2eWorld } from './lib/world';

const world = useE2eWorld();

/** The peers' endpoints, with or without the client credentials already configured. */
function peers(withCredentials: boolean) {
  const strip = (peer: OAuthPeer) => {
    const { clientId: _id, clientSecret: _secret, ...endpoints } = peer.providerOverride;
    return withCredentials ? peer.providerOverride : endpoints;
  };
  return {
    providers: { google: strip(world.google), spotify: strip(world.spotify) },
    services: { ...world.google.servicesOverride, ...world.spotify.servicesOverride },
  };
}

describe('the Junction window', () => {
  it('sets up Google, connects Gmail, sends a preset, shows history, disconnects', async () => {
    const saveDialog = saveDialogInto(makeTempDir('junction-e2e-saved-'));
    const session = await world.open({ core: { ...peers(false), chooseSavePath: saveDialog.choose }, autoBrowse: false });
    const { page } = session;
    await expect.poll(() => sidebarItem(page, 'Gmail').textContent()).toBe('GmailNot set up');
    await session.screenshot('e2e-01-not-set-up');

    // Set up the provider in Settings: client ID, write-only secret, the redirect URI to register.
    await page.getByRole('button', { name: 'Set up Google' }).click();
    const form = page.locator('[data-provider="google"]');
    await form.getByLabel('Client ID').fill(world.google.clientId);
    await form.getByLabel('Client secret').fill(world.google.clientSecret ?? '');
    await form.getByRole('button', { name: 'Save Google' }).click();
    await expect.poll(() => form.getByRole('status').filter({ hasText: 'Google saved.' }).count()).toBe(1);
    expect(await form.getByLabel('Client secret').inputValue()).toBe('');
    expect(await form.getByLabel('Client secret').getAttribute('placeholder')).toBe('saved');
    expect(await form.getByLabel('Redirect URI', { exact: true }).inputValue()).toBe('http://127.0.0.1/callback');
    await expect.poll(() => sidebarItem(page, 'Gmail').textContent()).toBe('GmailNot connected');
    await session.screenshot('e2e-02-settings-saved');

    // A sign-in abandoned with Cancel ends in words, and the next one starts afresh.
    await sidebarItem(page, 'Gmail').click();
    await page.getByRole('button', { name: 'Connect Gmail' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Sign-in cancelled.').waitFor();

    // Connect: the window waits while the system browser has the sign-in.
    const authUrl = session.nextOpened();
    await page.getByRole('button', { name: 'Connect Gmail' }).click();
    const url = await authUrl;
    await page.getByText('Continue in your browser').waitFor();
    await page.getByRole('button', { name: 'Copy sign-in link' }).click();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(url);
    await session.screenshot('e2e-03-continue-in-browser');
    const signIn = await browseTo(session, url);
    await page.getByText('Connected as ada@example.com.').waitFor();
    await session.screenshot('e2e-04-callback-page', signIn);
    await expect.poll(() => sidebarItem(page, 'Gmail').textContent()).toBe('GmailConnected · ada@example.com');
    await session.screenshot('e2e-05-connected');

    // The connection's detail, and its who-am-I test.
    await page
      .getByRole('list', { name: 'Gmail accounts' })
      .getByRole('button', { name: /ada@example.com/ })
      .click();
    await page.getByRole('heading', { name: 'ada@example.com' }).waitFor();
    await page.getByRole('button', { name: 'Test' }).click();
    await page.getByText('200 OK: the connection works.').waitFor();
    expect(await page.getByText(/expires in \d+m/).count()).toBe(1);
    await session.screenshot('e2e-06-connection-detail');

    // Reconnect the same account: repaired in place, still one connection.
    const reauthUrl = session.nextOpened();
    await page.getByRole('button', { name: 'Reconnect' }).click();
    await browseTo(session, await reauthUrl);
    await page.getByText('Connected as ada@example.com.').waitFor();
    await expect.poll(() => sidebarItem(page, 'Gmail').textContent()).toBe('GmailConnected · ada@example.com');

    // A preset in the console, answered by the peer's Gmail profile route.
    await page.getByRole('button', { name: 'Open in console' }).click();
    await page.getByLabel('Preset').selectOption({ label: 'My profile (read)' });
    expect(await page.getByLabel('URL', { exact: true }).inputValue()).toBe('/users/me/profile');
    await page.getByLabel('URL', { exact: true }).press('Control+Enter');
    const response = page.getByRole('region', { name: 'Response' });
    await response.getByText('200 OK').waitFor();
    await response.getByText('"ada@example.com"').waitFor();
    expect(await response.getByText('"emailAddress"').count()).toBe(1);
    await session.screenshot('e2e-07-console-response');
    // Saved by the core through the save dialog (here: a path in the test's folder).
    await response.getByRole('button', { name: 'Save to file' }).click();
    await response.getByText('Saved profile.json (94 B).').waitFor();
    expect(saveDialog.asked.map((a) => a.defaultName)).toEqual(['profile.json']);
    expect(JSON.parse(await readFile(join(saveDialog.folder, 'profile.json'), 'utf8'))).toMatchObject({ emailAddress: 'ada@example.com' });

    // History keeps it, and copies it as curl with a placeholder token.
    await sidebarItem(page, 'History').click();
    const entry = page.getByRole('list', { name: 'Requests, newest first' }).getByRole('listitem').first();
    expect(await entry.textContent()).toContain(`GET${world.google.servicesOverride.google_gmail?.apiBaseUrl}/users/me/profile`);
    expect(await entry.textContent()).toContain('200 OK');
    const stored = await page.evaluate<string>("localStorage.getItem('junction.history.v1') ?? ''");
    expect(stored).not.toMatch(/Bearer [^$]/);
    await entry.getByRole('button', { name: 'Copy as curl' }).click();
    await entry.getByText('Copied.').waitFor();
    const curl = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(curl).toBe(
      `curl --globoff -X GET '${world.google.servicesOverride.google_gmail?.apiBaseUrl}/users/me/profile' \\\n  -H "Authorization: Bearer $GOOGLE_TOKEN"`,
    );
    await session.screenshot('e2e-08-history');

    // A restart of the window keeps the history (localStorage) and the connection (the core).
    await page.reload();
    await sidebarItem(page, 'History').click();
    expect(await page.getByRole('list', { name: 'Requests, newest first' }).getByRole('listitem').count()).toBe(1);
    await expect.poll(() => sidebarItem(page, 'Gmail').textContent()).toBe('GmailConnected · ada@example.com');

    // Disconnect, with confirmation.
    await sidebarItem(page, 'ada@example.com').click();
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Yes, disconnect' }).click();
    await expect.poll(() => sidebarItem(page, 'Gmail').textContent()).toBe('GmailNot connected');
    await session.screenshot('e2e-09-disconnected');
  });

  it('asks to accept weaker storage, then shows a denial by its message', async () => {
    const session = await world.open({ core: { ...peers(true), cipher: createTestCipher({ secure: false }) } });
    const { page } = session;
    await sidebarItem(page, 'Spotify').click();
    await page.getByRole('button', { name: 'Accept weaker storage' }).waitFor();
    expect(await page.getByRole('button', { name: 'Connect Spotify' }).isDisabled()).toBe(true);
    await session.screenshot('e2e-10-insecure-storage-banner');
    await page.getByRole('button', { name: 'Accept weaker storage' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Connect Spotify' }).isDisabled()).toBe(false);

    world.spotify.denyNext();
    await page.getByRole('button', { name: 'Connect Spotify' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'declined' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Access was declined at Spotify.*Connect again and choose Allow/);
    expect(await sidebarItem(page, 'Spotify').textContent()).toBe('SpotifyNot connected');
    await session.screenshot('e2e-11-denied');

    await sidebarItem(page, 'Settings').click();
    expect(await page.getByLabel(/Accept weaker storage/).isChecked()).toBe(true);

    // Copying still works where the session refuses the Clipboard API's permission (the app's does).
    await page.evaluate(
      "navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'))",
    );
    const spotifyForm = page.locator('[data-provider="spotify"]');
    await spotifyForm.getByRole('button', { name: 'Copy redirect URI' }).click();
    await spotifyForm.getByText('Copied.').waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe('http://127.0.0.1/callback');
  });

  it('renders a 5 MB JSON response without freezing the window', async () => {
    const items = Array.from({ length: 33_000 }, (_, i) => ({
      id: `msg-${i}`,
      threadId: `t-${i % 977}`,
      snippet: `Message number ${i} `.padEnd(120, '.'),
    }));
    world.google.api.route('GET', '/gmail/v1/test/many', () => ({ json: { messages: items, resultSizeEstimate: items.length } }));
    const session = await world.open({ core: peers(true), colorScheme: 'dark' });
    const { page } = session;
    await sidebarItem(page, 'Gmail').click();
    await page.getByRole('button', { name: 'Connect Gmail' }).click();
    await page.getByText('Connected as ada@example.com.').waitFor();

    await sidebarItem(page, 'API console').click();
    await page.getByLabel('Connection').selectOption({ label: 'Gmail — ada@example.com' });
    await page.getByLabel('URL', { exact: true }).fill('/test/many');
    await page.getByRole('button', { name: 'Send' }).click();
    const response = page.getByRole('region', { name: 'Response' });
    await response.getByRole('button', { name: 'Expand messages, 33000 items' }).waitFor({ timeout: 30_000 });
    expect(await response.getByLabel('Response summary').textContent()).toMatch(/5\.\d\d MB/);

    // Still responsive: expanding shows a first page at once, not thirty-three thousand rows.
    const started = Date.now();
    await response.getByRole('button', { name: 'Expand messages, 33000 items' }).click();
    await response.getByRole('button', { name: 'Expand 0, 3 keys' }).click();
    await response.getByText('"msg-0"').waitFor();
    expect(Date.now() - started).toBeLessThan(5_000);
    // Virtualized: the rows on screen exist, not thirty-three thousand.
    expect(await response.locator('.v-row').count()).toBeLessThan(200);
    await session.screenshot('e2e-12-five-megabytes-dark');

    await response.getByRole('button', { name: 'Raw' }).click();
    const raw = response.getByRole('region', { name: 'Body as raw text' });
    await raw.getByText(/^\{"messages":\[/).waitFor();
    expect(await raw.locator('.v-row').count()).toBeLessThan(200);
  });

  it('shows a grant revoked elsewhere as needs re-auth, and Reconnect repairs it in place', async () => {
    const session = await world.open({ core: peers(true) });
    const { page } = session;

    // Keyboard first: the skip link, then the sidebar, with a visible focus ring.
    await expect.poll(() => sidebarItem(page, 'Gmail').textContent()).toBe('GmailNot connected');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Skip to content');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('GmailNot connected');
    expect(await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Spotify' }).waitFor();
    await page.getByRole('button', { name: 'Connect Spotify' }).click();
    await page.getByText('Connected as ada@example.com.').waitFor();
    await page.getByRole('button', { name: 'Open the connection' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('ada@example.com');
    const before = (await session.invoke('connections.list')) as Connection[];

    world.spotify.revokeAll();
    await page.getByRole('button', { name: 'Test' }).click();
    const problem = page.getByRole('alert').first();
    await problem.waitFor();
    expect(await problem.textContent()).not.toContain('[object Object]');
    await expect.poll(() => sidebarItem(page, 'Spotify').textContent()).toBe('SpotifyNeeds re-auth · ada@example.com');
    await page.getByText('unusable until you reconnect').waitFor();
    await session.screenshot('e2e-13-needs-reauth');

    await page.getByRole('button', { name: 'Reconnect' }).click();
    await expect.poll(() => sidebarItem(page, 'Spotify').textContent()).toBe('SpotifyConnected · ada@example.com');
    await page.getByRole('button', { name: 'Test' }).click();
    await page.getByText('200 OK: the connection works.').waitFor();
    expect(await page.getByRole('list', { name: 'Spotify accounts' }).getByRole('listitem').count()).toBe(1);
    const after = (await session.invoke('connections.list')) as Connection[];
    expect(after.map((c) => [c.id, c.status])).toEqual([[before[0]?.id, 'connected']]);
    await session.screenshot('e2e-14-repaired');

    // A second account of the same service is listed under it.
    // The browser is still signed in as Ada at the provider: sign out there first, as a person would.
    await session.context.clearCookies();
    world.spotify.setAccount({ sub: 'user-2', email: 'grace@example.com', name: 'Grace Hopper' });
    try {
      await sidebarItem(page, 'Spotify').click();
      await page.getByRole('button', { name: 'Connect Spotify' }).click();
      await page.getByText('Connected as grace@example.com.').waitFor();
    } finally {
      world.spotify.setAccount({ sub: 'user-1', email: 'ada@example.com', name: 'Ada Lovelace' });
    }
    await expect.poll(() => sidebarItem(page, 'Spotify').textContent()).toBe('SpotifyConnected · 2 accounts');
    const accounts = page.getByRole('list', { name: 'Spotify accounts' }).getByRole('listitem');
    expect(await accounts.allTextContents()).toEqual(['ada@example.comConnected', 'grace@example.comConnected']);
    await session.screenshot('e2e-15-two-accounts');

    // Changes made outside the window arrive as connections.changed events and redraw the list.
    const grace = ((await session.invoke('connections.list')) as Connection[]).find((c) => c.account.email === 'grace@example.com');
    await session.invoke('connections.delete', { id: grace?.id });
    await expect.poll(() => sidebarItem(page, 'Spotify').textContent()).toBe('SpotifyConnected · ada@example.com');
  });

  it('ends a sign-in nobody finishes with the timeout message', async () => {
    const session = await world.open({ core: { ...peers(true), flowTimeoutMs: 1500 }, autoBrowse: false });
    const { page } = session;
    await sidebarItem(page, 'Drive').click();
    await page.getByRole('button', { name: 'Connect Drive' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toMatch(/\S/);
    expect(await alert.textContent()).not.toContain('[object Object]');
    expect(await page.getByText('Continue in your browser').count()).toBe(0);
    await session.screenshot('e2e-16-timeout');
  });
});
