// electron-builder.yml is checked offline by electron-builder's own loader and schema validation
// (the same calls `electron-builder` makes before it packages anything), then for what Junction's
// security and deep links depend on: the fuses, the junction scheme, asar, targets and icons.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
let config: Configuration;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const data = readFileSync(file);
  expect(data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

beforeAll(async () => {
  config = await getConfig(root, join(root, 'electron-builder.yml'), null);
});

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own configuration validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('would be rejected if it were wrong (the validator really runs)', async () => {
    const broken = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } } as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/configuration\.electronFuses/);
  });

  it('names the app and packs it into asar', () => {
    expect(config.appId).toMatch(/^[a-z0-9]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('Junction');
    expect(config.asar).toBe(true);
    // getConfig normalises `files` into file sets: `[{ filter: [...] }]`.
    expect(JSON.stringify(config.files)).toContain('"out/**/*"');
    // The window icon main.ts looks for at process.resourcesPath/icon.png.
    expect(config.extraResources).toEqual([{ from: 'resources/icon.png', to: 'icon.png' }]);
  });

  it('sets the fuses the security checklist asks for', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('registers the junction scheme, including the Linux MimeType', () => {
    const protocols = [config.protocols ?? []].flat();
    expect(protocols.flatMap((protocol) => protocol.schemes)).toContain('junction');
    expect(config.linux?.mimeTypes).toContain('x-scheme-handler/junction');
  });

  it('targets AppImage and deb, dmg, and nsis', () => {
    const names = (targets: unknown) =>
      [targets].flat().map((target) => (typeof target === 'string' ? target : (target as { target: string }).target));
    expect(names(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(names(config.mac?.target)).toEqual(['dmg']);
    expect(names(config.win?.target)).toEqual(['nsis']);
  });

  it('points at real icons of the sizes each platform wants', () => {
    expect(pngSize(join(root, 'resources/icon.png'))).toEqual({ width: 512, height: 512 });
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(join(root, config.linux?.icon ?? '', `${size}x${size}.png`))).toEqual({ width: size, height: size });
    }
    const ico = readFileSync(join(root, config.win?.icon ?? ''));
    expect(ico.readUInt16LE(2)).toBe(1); // ICONDIR type 1: icon
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(5);
    const icns = readFileSync(join(root, config.mac?.icon ?? ''));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });

  it('names the Linux desktop file after package.json desktopName, so xdg finds the scheme handler', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { desktopName?: string; main?: string };
    expect(config.linux?.syncDesktopName).toBe(true);
    expect(pkg.desktopName).toBe('junction.desktop');
    expect(pkg.main).toBe('out/main/main.js');
  });
});
