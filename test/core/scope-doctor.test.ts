import { afterEach, describe, expect, it } from 'vitest';
import { installGoogleApiFixtures } from '../support/api-fixtures';
import { removeAllTempDirs } from '../support/temp-dir';
import { errorOf, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

const G = 'https://www.googleapis.com/auth/';
const union = (...lists: string[][]) => [...new Set(lists.flat())];

describe('scope doctor (api.request)', () => {
  it.each([
    ['header', [`${G}drive.readonly`]],
    ['details', [`${G}drive.readonly`, `${G}drive`]],
    ['errors', [`${G}drive.readonly`, `${G}drive`]],
  ])("names the missing scopes of Google's %s shape, and Grant access repairs the same connection", async (shape, expected) => {
    h = await startHarness({ kind: 'google' });
    const connection = await h.connect('google_drive');
    const request = { connectionId: connection.id, url: '/test/needs-scope', query: { scope: 'drive.readonly', shape } };
    const refused = await h.core.invoke('api.request', request);
    expect(refused.status).toBe(403);
    // The header names the scope; the bodies do not, so the service's optional scopes not granted stand in.
    expect(refused.missingScopes).toEqual(expected);
    expect(refused.hint).toMatch(/Grant access/);
    expect(refused.hint).toContain('drive.readonly');

    // Grant access: a sign-in asking for what is granted plus what is missing.
    const repaired = await h.connect('google_drive', { scopes: union(connection.scopes, refused.missingScopes ?? []) });
    expect(repaired.id).toBe(connection.id);
    expect(repaired.scopes).toContain(`${G}drive.readonly`);
    const retried = await h.core.invoke('api.request', request);
    expect(retried.status).toBe(200);
    expect(retried.missingScopes).toBeUndefined();
    expect(retried.hint).toBeUndefined();
  });

  it("names Spotify's missing scope instead of blaming development mode, and Grant access repairs it", async () => {
    h = await startHarness({ kind: 'spotify' });
    const connection = await h.connect('spotify');
    const request = {
      connectionId: connection.id,
      url: '/test/needs-scope',
      query: { scope: 'playlist-modify-private', shape: 'spotify' },
    };
    const refused = await h.core.invoke('api.request', request);
    expect(refused.status).toBe(403);
    expect(refused.missingScopes).toEqual(['playlist-modify-public', 'playlist-modify-private']);
    expect(refused.hint).not.toMatch(/development mode/);
    const repaired = await h.connect('spotify', { scopes: refused.missingScopes });
    expect(repaired.id).toBe(connection.id);
    expect((await h.core.invoke('api.request', request)).status).toBe(200);
  });

  it('prefers the service scopes the person unticked at consent, and reads a 401 challenge too', async () => {
    h = await startHarness({ kind: 'spotify' });
    h.peer.grantOnlyNext(['user-read-email', 'user-read-private', 'user-read-playback-state']);
    const connection = await h.connect('spotify');
    const refused = await h.core.invoke('api.request', {
      connectionId: connection.id,
      url: '/test/needs-scope',
      query: { scope: 'playlist-read-private', shape: 'spotify' },
    });
    expect(refused.missingScopes).toEqual([
      'user-modify-playback-state',
      'user-read-currently-playing',
      'playlist-read-private',
      'playlist-read-collaborative',
    ]);

    const challenged = await h.core.invoke('api.request', {
      connectionId: connection.id,
      url: '/test/needs-scope',
      query: { scope: 'playlist-read-private', shape: 'header', status: '401' },
    });
    expect(challenged.status).toBe(401);
    expect(challenged.missingScopes).toEqual(['playlist-read-private']);
  });

  it('leaves other refusals alone', async () => {
    h = await startHarness({ kind: 'spotify' });
    const connection = await h.connect('spotify');
    h.peer.api.next('/v1/me', [{ status: 403, body: { error: { status: 403, message: 'Forbidden' } } }]);
    const forbidden = await h.core.invoke('api.request', { connectionId: connection.id, url: '/me' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.missingScopes).toBeUndefined();
    expect(forbidden.hint).toMatch(/development mode/);
  });
});

describe('scope doctor (quick actions)', () => {
  it('refuses before sending with the missing scope named in missingScopes, and Grant access lets it run', async () => {
    h = await startHarness({ kind: 'google' });
    installGoogleApiFixtures(h.peer);
    h.peer.grantOnlyNext([`${G}gmail.readonly`]);
    const connection = await h.connect('google_gmail');
    h.peer.api.reset();
    const refused = await errorOf(h.core.invoke('actions.run', { connectionId: connection.id, actionId: 'gmail.send_to_self' }));
    expect(refused).toMatchObject({ code: 'access_denied', missingScopes: [`${G}gmail.send`] });
    expect(refused.message).toContain('gmail.send');
    expect(h.peer.api.requests).toHaveLength(0);

    const repaired = await h.connect('google_gmail', { scopes: union(connection.scopes, [`${G}gmail.send`]) });
    expect(repaired.id).toBe(connection.id);
    const sent = await h.core.invoke('actions.run', { connectionId: connection.id, actionId: 'gmail.send_to_self' });
    expect(sent.summary).toMatch(/^Sent to /);
  });

  it("carries the provider's missing-scope 403 into the action's error as missingScopes", async () => {
    h = await startHarness({ kind: 'google' });
    const connection = await h.connect('google_gmail');
    h.peer.api.next('/gmail/v1/users/me/messages/send', [
      {
        status: 403,
        body: {
          error: {
            code: 403,
            message: 'Request had insufficient authentication scopes.',
            status: 'PERMISSION_DENIED',
            details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT' }],
          },
        },
      },
    ]);
    const refused = await errorOf(h.core.invoke('actions.run', { connectionId: connection.id, actionId: 'gmail.send_to_self' }));
    expect(refused.code).toBe('access_denied');
    // The action declares its scopes: they are what to ask for (all granted here, so the declared ones stand).
    expect((refused as { missingScopes?: string[] }).missingScopes?.length).toBeGreaterThan(0);
  });
});
