import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src-main/core/index';
import { preparePrivateDir } from '../../src-main/core/vault/data-dir';
import { createTestCipher } from '../support/cipher';
import { makeTempDir, removeAllTempDirs } from '../support/temp-dir';

afterEach(() => removeAllTempDirs());

const modeOf = (dir: string) => statSync(dir).mode & 0o7777;
const posix = process.platform !== 'win32';

describe.runIf(posix)('the data directory is private to its owner', () => {
  it('tightens an existing 0755 data directory to 0700 when the core starts, and says nothing about it', async () => {
    const dataDir = join(makeTempDir(), 'userData');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755); // whatever the umask made of it
    expect(modeOf(dataDir)).toBe(0o755);
    const core = await createCore({ dataDir, cipher: createTestCipher(), openExternal: () => undefined });
    try {
      expect(modeOf(dataDir)).toBe(0o700);
      expect((await core.invoke('app.info', {})).notices).toEqual([]);
    } finally {
      await core.close();
    }
  });

  it('creates a missing one as 0700, and leaves an already private one as it is', async () => {
    const fresh = join(makeTempDir(), 'a', 'b');
    expect(preparePrivateDir(fresh)).toBeNull();
    expect(modeOf(fresh)).toBe(0o700);
    const worldWritable = makeTempDir();
    chmodSync(worldWritable, 0o1777);
    expect(preparePrivateDir(worldWritable)).toBeNull();
    expect(modeOf(worldWritable)).toBe(0o700);
  });

  it.runIf(process.platform === 'linux')('says so, rather than failing to start, when the directory cannot be changed', () => {
    // Even root may not chmod a /proc entry: the one directory every Linux test machine has that refuses.
    const notice = preparePrivateDir('/proc/self');
    expect(notice).toMatch(/could not make its data folder \/proc\/self private to you \(EPERM\).*chmod 700/);
  });
});
