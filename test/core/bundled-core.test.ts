// The core as the product ships it: bundled with every dependency inlined and minified
// (electron.vite.config.ts, MAIN_BUNDLE), then run against the oidc-provider peers. Bundling can
// break a library only at run time (a dynamic require, a file read beside its sources), so a sign-in
// and one quick action per provider run through the bundle's own typed clients.
import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'electron-vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { createCore } from '../../src-main/core/index';
import { installGoogleApiFixtures, installSpotifyApiFixtures } from '../support/api-fixtures';
import { makeTempDir, removeAllTempDirs } from '../support/temp-dir';
import { bearerOf, only } from './actions-harness';
import { startHarness, type Harness } from './harness';

const root = resolve(import.meta.dirname, '../..');
let outDir: string;
let create: typeof createCore;
let h: Harness | undefined;

beforeAll(async () => {
  outDir = makeTempDir('junction-core-bundle-');
  process.env['JUNCTION_CORE_BUNDLE_OUT'] = outDir;
  await build({ root, configFile: join(root, 'test/support/core-bundle.config.ts'), logLevel: 'warn' });
  delete process.env['JUNCTION_CORE_BUNDLE_OUT'];
  // A variable specifier: the bundle is plain JavaScript that vitest must not transform.
  const entry = pathToFileURL(join(outDir, 'core.js')).href;
  ({ createCore: create } = (await import(/* @vite-ignore */ entry)) as { createCore: typeof createCore });
}, 120_000);

afterEach(async () => {
  await h?.close();
  h = undefined;
});

afterAll(() => removeAllTempDirs());

function bundleFiles(): string[] {
  return readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
}

describe('the bundled core', () => {
  it('imports no package at run time: only node: built-ins and its own chunks', () => {
    for (const file of bundleFiles()) {
      const code = readFileSync(join(outDir, file), 'utf8');
      // Static imports and re-exports (statement starts only: error messages quote `from "x"` too) and import("x").
      const statements = [...code.matchAll(/(?:^|[;}\n])\s*(?:import|export)\b[^;"'`]*?\bfrom\s*["']([^"']+)["']/g)].map((m) => m[1]);
      const dynamic = [...code.matchAll(/\bimport\(\s*["'`]([^"'`$]+)["'`]\s*\)/g)].map((m) => m[1]);
      const specifiers = [...statements, ...dynamic];
      expect(specifiers.length, file).toBeGreaterThan(0);
      expect(
        specifiers.filter((s) => s === undefined || (!isBuiltin(s) && !s.startsWith('.'))),
        file,
      ).toEqual([]);
    }
  });

  it('signs in to Google and runs Gmail "latest messages" through the bundled googleapis client', async () => {
    h = await startHarness({ kind: 'google' }, {}, create);
    const api = installGoogleApiFixtures(h.peer);
    const connection = await h.connect('google_gmail');
    const result = await h.core.invoke('actions.run', {
      connectionId: connection.id,
      actionId: 'gmail.latest_messages',
      params: { maxResults: 2 },
    });
    expect(result.rows).toHaveLength(2);
    expect(bearerOf(only(api.callsTo('GET', '/gmail/v1/users/me/messages')))).toBeDefined();
  });

  it('signs in to Spotify and runs "now playing" through the bundled Spotify SDK', async () => {
    h = await startHarness({ kind: 'spotify' }, {}, create);
    const api = installSpotifyApiFixtures(h.peer);
    const connection = await h.connect('spotify');
    const result = await h.core.invoke('actions.run', { connectionId: connection.id, actionId: 'spotify.now_playing', params: {} });
    expect(result.rows).toHaveLength(1);
    expect(only(api.callsTo('GET', '/v1/me/player/currently-playing'))).toBeDefined();
  });
});
