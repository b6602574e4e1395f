// The typed clients load on first use: creating the core and answering the window's
// first calls loads no @googleapis/* client; the first quick-action call does, and still answers.
// A file of its own: vitest gives each file a fresh worker, so the module cache starts empty.
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src-main/core/index';
import { createTestCipher } from '../support/cipher';
import { makeTempDir, removeAllTempDirs } from '../support/temp-dir';

const require = createRequire(import.meta.url);
const googleClientsLoaded = () => Object.keys(require.cache).filter((path) => /[\\/]@googleapis[\\/]/.test(path));

afterAll(() => removeAllTempDirs());

describe('quick actions load on first use', () => {
  it('starts the core and lists services without the Google clients, then loads them for actions.list', async () => {
    expect(googleClientsLoaded()).toEqual([]);
    const core = await createCore({ dataDir: makeTempDir('junction-lazy-'), cipher: createTestCipher(), openExternal: () => undefined });
    try {
      await core.invoke('services.list', {});
      await core.invoke('connections.list', {});
      expect(googleClientsLoaded()).toEqual([]);

      const listed = await core.invoke('actions.list', { service: 'google_gmail' });
      expect(listed.map((action) => action.id)).toContain('gmail.latest_messages');
      expect(googleClientsLoaded().length).toBeGreaterThan(0);
    } finally {
      await core.close();
    }
  });
});
