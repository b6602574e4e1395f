// The shell and the real core together, with only Electron replaced by the test double: what the
// Playwright test checks in the real app, minus Chromium, so it runs in every CI. Calls go the
// renderer's way (createBridge → the ipcMain handler main.ts registered → core), sign-ins finish
// against the oidc-provider peers, and the Spotify callback arrives as a second instance's argv.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiResponse, AppInfo, Connection, OAuthStartResult, ProviderSettings } from '../../src-shared/types';
import { EVENT_CHANNEL, createBridge, type JunctionBridge } from '../../src-preload/bridge';
import { completeAuthorization } from '../support/browser';
import { startOAuthPeer, type OAuthPeer } from '../support/oauth-peer';
import { makeTempDir, removeAllTempDirs } from '../support/temp-dir';
import { createElectronDouble, electronModule, type ElectronDouble, type FakeBrowserWindow } from './electron-double';

const state = vi.hoisted(() => ({ electron: undefined as ElectronDouble | undefined }));
vi.mock('electron', () =>
  electronModule({
    get current() {
      return state.electron;
    },
  }),
);

const savedEnv = { ...process.env };
const peers: Partial<Record<'google' | 'spotify', OAuthPeer>> = {};
let electron: ElectronDouble;
let window: FakeBrowserWindow;
let bridge: JunctionBridge;
let dataDir: string;

function peer(kind: 'google' | 'spotify'): OAuthPeer {
  const found = peers[kind];
  if (!found) throw new Error(`no ${kind} peer`);
  return found;
}

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  peers.google = await startOAuthPeer({ kind: 'google' });
  peers.spotify = await startOAuthPeer({ kind: 'spotify' });
  dataDir = makeTempDir('junction-shell-core-');
  process.env['JUNCTION_DATA_DIR'] = dataDir;
  process.env['JUNCTION_TEST_CIPHER'] = 'aes-gcm';
  process.env['JUNCTION_TEST_NO_BROWSER'] = '1';
  process.env['JUNCTION_TEST_OVERRIDES'] = JSON.stringify({
    providers: { google: peer('google').providerOverride, spotify: peer('spotify').providerOverride },
    services: { ...peer('google').servicesOverride, ...peer('spotify').servicesOverride },
  });

  electron = createElectronDouble(makeTempDir('junction-unused-userdata-'));
  state.electron = electron;
  await import('../support/electron-test-main');
  electron.app.fireReady();
  window = await until(() => electron.BrowserWindow.getAllWindows()[0], 'the window');

  // The preload's wiring, with the double's ipcMain standing in for ipcRenderer.invoke.
  bridge = createBridge(async (channel, payload) => {
    const handler = electron.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, payload);
  });
});

afterAll(async () => {
  electron.app.emit('before-quit', { preventDefault: () => undefined });
  await until(() => (electron.app.quit.mock.calls.length > 0 ? true : undefined), 'the core to close');
  await Promise.all(Object.values(peers).map((p) => p.close()));
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  removeAllTempDirs();
});

describe('the shell wired to the real core', () => {
  it('uses the test profile and cipher', async () => {
    const info = (await bridge.invoke('app.info')) as AppInfo;
    expect(info.storage).toMatchObject({ backend: 'test_aes_gcm', secure: true });
    expect(info.protocolScheme).toBe('junction');
    expect(electron.app.getPath('userData')).toBe(dataDir);
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('connects Gmail through the loopback redirect and sends one request', async () => {
    const start = (await bridge.invoke('oauth.start', { service: 'google_gmail' })) as OAuthStartResult;
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
    const callback = await completeAuthorization(start.authUrl);
    expect(callback.status).toBe(200);
    const connection = (await bridge.invoke('oauth.wait', { state: start.state })) as Connection;
    expect(connection).toMatchObject({ service: 'google_gmail', status: 'connected', account: { email: peer('google').account.email } });

    const response = (await bridge.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' })) as ApiResponse;
    expect(response.status).toBe(200);

    const events = window.webContents.sent.filter((message) => message.channel === EVENT_CHANNEL).map((message) => message.payload);
    expect(events).toContainEqual(expect.objectContaining({ type: 'oauth.finished', state: start.state, ok: true }));
    expect(events).toContainEqual({ type: 'connections.changed' });
  });

  it('connects Spotify through a junction:// link handed over by a second instance', async () => {
    const settings = (await bridge.invoke('settings.setProvider', {
      provider: 'spotify',
      clientId: peer('spotify').clientId,
      redirectMode: 'protocol',
    })) as ProviderSettings;
    expect(settings.redirectUri).toBe('junction://oauth/callback');
    const start = (await bridge.invoke('oauth.start', { service: 'spotify' })) as OAuthStartResult;
    const { redirectUrl } = await completeAuthorization(start.authUrl);
    expect(redirectUrl).toMatch(/^junction:\/\/oauth\/callback\?/);

    // A link that is not the callback, then the callback, as Windows and Linux deliver them.
    electron.app.emit('second-instance', {}, ['/opt/Junction/junction', 'junction://oauth/other?code=x'], '/');
    electron.app.emit('second-instance', {}, ['/opt/Junction/junction', '--no-sandbox', redirectUrl], '/');
    const connection = (await bridge.invoke('oauth.wait', { state: start.state })) as Connection;
    expect(connection).toMatchObject({ service: 'spotify', status: 'connected' });
    const response = (await bridge.invoke('api.request', { connectionId: connection.id, url: '/me' })) as ApiResponse;
    expect(response.status).toBe(200);

    const code = new URL(redirectUrl).searchParams.get('code') ?? '';
    expect(code).not.toBe('');
    const log = readFileSync(join(dataDir, 'logs', 'junction.log'), 'utf8');
    expect(log).not.toContain(code);
  });

  it('answers a bad payload with the core’s code, and a foreign frame with a refusal', async () => {
    await expect(bridge.invoke('connections.get', { id: 'not-a-uuid' })).rejects.toMatchObject({ code: 'invalid_input' });
    const handler = electron.handlers.get('connections.list');
    const refused = await handler?.({ sender: window.webContents, senderFrame: { url: 'https://accounts.google.com/', parent: null } }, {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'access_denied' } });
  });

  it('keeps tokens out of what the renderer sees and out of the log', async () => {
    const listed = JSON.stringify(await bridge.invoke('connections.list'));
    const sent = JSON.stringify(window.webContents.sent);
    const log = readFileSync(join(dataDir, 'logs', 'junction.log'), 'utf8');
    for (const text of [listed, sent, log]) {
      expect(text).not.toMatch(/access_token|refresh_token|"token"/i);
    }
  });
});
