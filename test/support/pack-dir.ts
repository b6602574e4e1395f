// electron-builder really packs the app (Linux `dir` target), offline: a stand-in Electron
// distribution replaces the release zip it would download, and the fuse step, which needs a real
// Electron binary, is the only one left out (the fuse values are checked in
// electron-builder-config.test.ts). Used by test/shell/package-dir.test.ts and the bench's app.asar
// size row (scripts/bench/package-size.ts). Linux only; needs the build in out/.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Platform, build } from 'electron-builder';

const root = resolve(import.meta.dirname, '../..');

/** Packs into `work` and returns the linux-unpacked directory (resources/app.asar inside). */
export async function packDir(work: string): Promise<string> {
  const fakeElectron = join(work, 'electron-dist');
  mkdirSync(fakeElectron, { recursive: true });
  writeFileSync(join(fakeElectron, 'electron'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(fakeElectron, 'electron'), 0o755);
  const output = join(work, 'dist');
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir'),
    config: {
      electronDist: fakeElectron,
      electronVersion: '45.4.1',
      // Flipping fuses needs a real Electron binary; their values are tested from the config.
      electronFuses: null,
      directories: { output },
    },
  });
  return join(output, 'linux-unpacked');
}
