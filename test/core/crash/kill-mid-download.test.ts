// A core process killed while a big answer streams into its spill file leaves that file behind;
// the next start removes it before anything else is kept.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/index';
import { spillDir } from '../../../src-main/core/body/store';
import { installBigBodyRoutes } from '../../support/big-bodies';
import { createTestCipher } from '../../support/cipher';
import { prepareCoreChild, spawnCoreChild, type ChildLaunch } from '../../support/core-child-client';
import { removeAllTempDirs } from '../../support/temp-dir';
import { startHarness, type Harness } from '../harness';

const MiB = 1024 * 1024;
let h: Harness | undefined;
let launch: ChildLaunch | undefined;
afterAll(async () => {
  await h?.close();
  launch?.dispose();
  removeAllTempDirs();
});

const until = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe('a kill mid-download', () => {
  it('leaves a spill file that the next start removes', async () => {
    const key = randomBytes(32);
    h = await startHarness({ kind: 'google' }, { cipher: createTestCipher({ key }) });
    const connection = await h.connect('google_gmail');
    installBigBodyRoutes(h.peer.api, '/gmail/v1');
    await h.core.close();

    launch = await prepareCoreChild();
    const child = spawnCoreChild({ launch });
    await child.start({
      dataDir: h.dataDir,
      cipherKeyHex: key.toString('hex'),
      providers: { google: h.peer.providerOverride },
      services: h.peer.servicesOverride,
    });
    // 3 MiB arrive, then the peer sends nothing more: the answer is mid-download for good.
    const pending = child.invoke('api.request', {
      connectionId: connection.id,
      url: '/test/stalled.json',
      query: { bytes: String(3 * MiB) },
    });
    pending.catch(() => undefined);
    const dir = spillDir(h.dataDir);
    const files = () => (existsSync(dir) ? readdirSync(dir) : []);
    await until(() => files().some((file) => statSync(join(dir, file)).size >= 2 * MiB), 'the spill file to fill');
    await child.kill();
    const left = files();
    expect(left).toHaveLength(1);

    // The next start, in this process, on the same data directory.
    h.core = await createCore(h.options);
    expect(existsSync(join(dir, left[0]!))).toBe(false);
    expect(files()).toEqual([]);
    // And it works: the connection is there and a big answer spills again.
    const again = await h.core.invoke('api.request', {
      connectionId: connection.id,
      url: '/test/big.json',
      query: { bytes: String(2 * MiB) },
    });
    expect(again.bodyHandle).toMatchObject({ partial: true });
    expect(files()).toHaveLength(1);
  });
});
