// The real, built app under Playwright's Electron driver: it launches the test build (out/test-main, the product's shell with test hooks) with a
// throwaway profile and the test cipher, connects an account against the oidc-provider peer
// (loopback for Google, the junction:// deep link through a second instance for Spotify), sends
// one API request through window.junction → IPC → core, and checks the hardening from inside the
// page. It needs the Electron binary (node_modules/electron/dist) and a display; where either is
// missing it is skipped with the reason printed, never faked.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse, AppInfo, Connection, OAuthStartResult, ProviderSettings, Service } from '../../src-shared/types';
import type { JunctionBridge } from '../../src-preload/bridge';
import { completeAuthorization } from '../support/browser';
import { startOAuthPeer, type OAuthPeer } from '../support/oauth-peer';
import { makeTempDir, removeAllTempDirs } from '../support/temp-dir';

const root = resolve(import.meta.dirname, '../..');
const mainEntry = join(root, 'out/test-main/main.js');
const artifacts = join(root, 'test-results/electron');

/** The installed Electron executable, found without `require('electron')` (which downloads it). */
function electronBinary(): string | undefined {
  const pathFile = join(root, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return undefined;
  const executable = join(root, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : undefined;
}

function skipReason(): string | undefined {
  if (process.env['JUNCTION_SKIP_ELECTRON'] === '1') return 'JUNCTION_SKIP_ELECTRON=1';
  if (!electronBinary()) {
    return 'the Electron binary is not installed (node_modules/electron/dist is missing: the package was installed with ELECTRON_SKIP_BINARY_DOWNLOAD or offline). Install it with `npx install-electron` to run this test.';
  }
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    return 'no display on this Linux machine: run the tests under `xvfb-run -a npm test`.';
  }
  return undefined;
}

const reason = skipReason();
if (reason) console.warn(`[test/electron] skipped: ${reason}`);

/**
 * Chromium refuses to start its OS sandbox as root (CI containers), and containers rarely have a
 * GPU; the renderer stays `sandbox: true` in its web preferences either way.
 */
const chromiumArgs = process.getuid?.() === 0 ? ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] : [];

interface Launched {
  app: ElectronApplication;
  page: Page;
  dataDir: string;
  env: Record<string, string>;
}

function launchEnv(dataDir: string, peers: OAuthPeer[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // An inherited ELECTRON_RUN_AS_NODE would start Node instead of the app.
    if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  }
  const providers: Record<string, unknown> = {};
  const services: Record<string, unknown> = {};
  for (const peer of peers) {
    providers[peer.kind] = peer.providerOverride;
    Object.assign(services, peer.servicesOverride);
  }
  return {
    ...env,
    JUNCTION_DATA_DIR: dataDir,
    JUNCTION_TEST_CIPHER: 'aes-gcm',
    JUNCTION_TEST_NO_BROWSER: '1',
    JUNCTION_TEST_OVERRIDES: JSON.stringify({ providers, services }),
  };
}

async function launch(peers: OAuthPeer[]): Promise<Launched> {
  const dataDir = makeTempDir('junction-electron-');
  const env = launchEnv(dataDir, peers);
  const app = await electron.launch({
    executablePath: electronBinary(),
    args: [join(root, 'out/test-main'), ...chromiumArgs],
    env,
    timeout: 60_000,
  });
  const page = await app.firstWindow();
  await page.waitForFunction(() => typeof (globalThis as unknown as { junction?: JunctionBridge }).junction?.invoke === 'function');
  return { app, page, dataDir, env };
}

/** Calls window.junction.invoke in the page: the renderer's path, through the real preload and IPC. */
async function invoke<T>(page: Page, channel: string, payload?: unknown): Promise<T> {
  const outcome = await page.evaluate(
    async ([name, body]) => {
      try {
        const bridge = (globalThis as unknown as { junction: JunctionBridge }).junction;
        return { ok: true as const, data: await bridge.invoke(name, body) };
      } catch (error: unknown) {
        const { code, message } = error as { code?: string; message?: string };
        return { ok: false as const, code: code ?? 'none', message: message ?? String(error) };
      }
    },
    [channel, payload] as const,
  );
  if (!outcome.ok) throw Object.assign(new Error(`${channel}: ${outcome.code}: ${outcome.message}`), { code: outcome.code });
  return outcome.data as T;
}

describe.skipIf(reason !== undefined)('the built Electron app', () => {
  const peers: OAuthPeer[] = [];
  let running: Launched | undefined;

  beforeAll(async () => {
    if (!existsSync(mainEntry)) throw new Error('out/test-main/main.js is missing: run `npm test`, which builds it.');
    mkdirSync(artifacts, { recursive: true });
    peers.push(await startOAuthPeer({ kind: 'google' }), await startOAuthPeer({ kind: 'spotify' }));
  });

  afterEach(async () => {
    await running?.app.close();
    running = undefined;
  });

  afterAll(async () => {
    await Promise.all(peers.map((peer) => peer.close()));
    removeAllTempDirs();
  });

  function peer(kind: 'google' | 'spotify'): OAuthPeer {
    const found = peers.find((candidate) => candidate.kind === kind);
    if (!found) throw new Error(`no ${kind} peer`);
    return found;
  }

  it('connects Gmail over the loopback redirect and sends one request', async () => {
    running = await launch(peers);
    const { page } = running;

    const info = await invoke<AppInfo>(page, 'app.info');
    expect(info.storage).toMatchObject({ backend: 'test_aes_gcm', secure: true });
    const services = await invoke<Service[]>(page, 'services.list');
    expect(services.find((service) => service.id === 'google_gmail')?.configured).toBe(true);

    const start = await invoke<OAuthStartResult>(page, 'oauth.start', { service: 'google_gmail' });
    expect(start.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    // The test plays the system browser: the app's own loopback listener receives the callback.
    const callback = await completeAuthorization(start.authUrl);
    expect(callback.status).toBe(200);
    const connection = await invoke<Connection>(page, 'oauth.wait', { state: start.state });
    expect(connection).toMatchObject({ service: 'google_gmail', status: 'connected', account: { email: peer('google').account.email } });

    const response = await invoke<ApiResponse>(page, 'api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.json)).toContain(peer('google').account.email);

    const listed = await invoke<Connection[]>(page, 'connections.list');
    expect(JSON.stringify(listed)).not.toMatch(/access_token|refresh_token/);
    await page.screenshot({ path: join(artifacts, 'gmail-connected.png') });
  });

  it('connects Spotify through junction:// handed over by a second instance', async () => {
    running = await launch(peers);
    const { page, env } = running;
    const settings = await invoke<ProviderSettings>(page, 'settings.setProvider', {
      provider: 'spotify',
      clientId: peer('spotify').clientId,
      redirectMode: 'protocol',
    });
    expect(settings.redirectUri).toBe('junction://oauth/callback');
    const start = await invoke<OAuthStartResult>(page, 'oauth.start', { service: 'spotify' });

    const { redirectUrl } = await completeAuthorization(start.authUrl);
    expect(redirectUrl).toMatch(/^junction:\/\/oauth\/callback\?/);
    // What the OS does with a junction:// link on Windows and Linux: start Junction again with
    // the URL as its last argument. The single-instance lock hands it to the running app.
    const second = spawn(electronBinary() ?? '', [join(root, 'out/test-main'), ...chromiumArgs, redirectUrl], { env, stdio: 'ignore' });
    const exitCode = await new Promise<number | null>((done) => second.on('exit', done));
    expect(exitCode).toBe(0);

    const connection = await invoke<Connection>(page, 'oauth.wait', { state: start.state });
    expect(connection).toMatchObject({ service: 'spotify', status: 'connected' });
    const response = await invoke<ApiResponse>(page, 'api.request', { connectionId: connection.id, url: '/me' });
    expect(response.status).toBe(200);
  });

  it('gives the page nothing but window.junction, and keeps the window locked down', async () => {
    running = await launch(peers);
    const { app, page } = running;

    const surface = await page.evaluate(() => {
      const scope = globalThis as unknown as Record<string, unknown> & { junction: object; open(url: string): unknown };
      return {
        require: typeof scope['require'],
        process: typeof scope['process'],
        electron: typeof scope['electron'],
        ipcRenderer: typeof scope['ipcRenderer'],
        junction: Object.keys(scope.junction).sort(),
        opened: scope.open('https://example.com/') === null,
        origin: (scope['location'] as { origin: string }).origin,
      };
    });
    expect(surface).toEqual({
      require: 'undefined',
      process: 'undefined',
      electron: 'undefined',
      ipcRenderer: 'undefined',
      junction: ['invoke', 'onEvent'],
      opened: true,
      origin: 'app://junction',
    });
    await expect(invoke(page, 'shell.openExternal', { url: 'file:///etc/passwd' })).rejects.toMatchObject({ code: 'unknown_channel' });

    // connect-src 'none': the page cannot reach the network itself.
    const fetched = await page.evaluate(() =>
      fetch('https://example.com/').then(
        () => 'fetched',
        () => 'blocked',
      ),
    );
    expect(fetched).toBe('blocked');

    // window.open above made no second window; the web link went to the (suppressed) browser.
    const windows = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((window) => window.webContents.getURL()));
    expect(windows).toHaveLength(1);
    expect(windows[0]).toMatch(/^app:\/\/junction\/index\.html/);
  });
});
