// The world every e2e file runs in: the built renderer served from loopback, Debian's Chromium,
// and a Google-like and a Spotify-like oidc-provider peer, started once per file. Each test opens
// Junction with `world.open`, and the session is closed after the test whatever happened.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startOAuthPeer, type OAuthPeer } from '../../support/oauth-peer';
import { removeAllTempDirs } from '../../support/temp-dir';
import { openApp, type AppSession, type SessionOptions } from './app-session';
import { launchChromium } from './chromium';
import { ensureRendererBuilt } from './renderer-build';
import { serveDirectory, type StaticServer } from './static-server';

export interface E2eWorld {
  readonly browser: Browser;
  readonly server: StaticServer;
  readonly google: OAuthPeer;
  readonly spotify: OAuthPeer;
  /** Opens Junction on a fresh data directory; closed after the test. */
  open(options: Omit<SessionOptions, 'browser' | 'appUrl'>): Promise<AppSession>;
}

/** Registers the file's set-up and tear-down; `onReady` runs once everything is up (e.g. to add API fixtures). */
export function useE2eWorld(onReady?: (world: E2eWorld) => void): E2eWorld {
  const parts: { browser?: Browser; server?: StaticServer; google?: OAuthPeer; spotify?: OAuthPeer } = {};
  const sessions: AppSession[] = [];
  const ready = <T>(part: T | undefined, name: string): T => {
    if (!part) throw new Error(`The e2e world is not set up yet (${name}): use it inside a test.`);
    return part;
  };
  const world: E2eWorld = {
    get browser() {
      return ready(parts.browser, 'browser');
    },
    get server() {
      return ready(parts.server, 'server');
    },
    get google() {
      return ready(parts.google, 'google');
    },
    get spotify() {
      return ready(parts.spotify, 'spotify');
    },
    async open(options) {
      const session = await openApp({ browser: world.browser, appUrl: world.server.url, ...options });
      sessions.push(session);
      return session;
    },
  };
  beforeAll(async () => {
    parts.server = await serveDirectory(await ensureRendererBuilt());
    [parts.browser, parts.google, parts.spotify] = await Promise.all([
      launchChromium(),
      startOAuthPeer({ kind: 'google' }),
      startOAuthPeer({ kind: 'spotify' }),
    ]);
    onReady?.(world);
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((session) => session.close()));
  });
  afterAll(async () => {
    await parts.browser?.close();
    await Promise.all([parts.google?.close(), parts.spotify?.close(), parts.server?.close()]);
    removeAllTempDirs();
  });
  return world;
}

/** A service's entry in the sidebar, e.g. "Gmail" (its status follows the name). */
export function sidebarItem(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: new RegExp(`^${name}`) });
}
