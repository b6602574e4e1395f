// The on-disk secrecy check itself: it must find a token however a careless store encodes it, and
// find nothing in real ciphertext.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCipher } from '../support/cipher';
import { decryptVault, secretsReadableOnDisk } from '../support/disk-secrecy';
import { makeTempDir, removeAllTempDirs } from '../support/temp-dir';

afterEach(() => removeAllTempDirs());

const TOKEN = 'ya29.a0AfB_byC7-secret-token_value';
const plain = JSON.stringify({ accessToken: TOKEN, refreshToken: '1//0refresh-secret' });

function diskWith(content: string | Buffer): string {
  const dir = makeTempDir();
  mkdirSync(join(dir, 'nested'));
  writeFileSync(join(dir, 'nested', 'connections.json'), content);
  return dir;
}

describe('secretsReadableOnDisk', () => {
  it.each([
    ['as it is', plain],
    ['base64 of a document holding it', JSON.stringify({ secret: Buffer.from(plain).toString('base64') })],
    ['base64 at another alignment', JSON.stringify({ secret: Buffer.from(`xy${plain}`).toString('base64') })],
    ['base64url', Buffer.from(`:${plain}`).toString('base64url')],
    ['hex', JSON.stringify({ secret: Buffer.from(plain).toString('hex') })],
    ['hex in capitals at an odd offset', `x${Buffer.from(plain).toString('hex').toUpperCase()}`],
    ['base64 of hex', Buffer.from(Buffer.from(plain).toString('hex')).toString('base64')],
    ['UTF-16', Buffer.from(plain, 'utf16le')],
  ])('finds the token %s', (_form, content) => {
    const findings = secretsReadableOnDisk(diskWith(content), [TOKEN]);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]).toMatch(/^nested\/connections\.json: ya29\.a/);
  });

  it('finds nothing in real ciphertext, which decrypts to the token with the key', () => {
    const cipher = createTestCipher();
    const dir = diskWith(JSON.stringify({ connections: { c1: { secret: cipher.encrypt(plain).toString('base64') } } }));
    expect(secretsReadableOnDisk(dir, [TOKEN, '1//0refresh-secret'])).toEqual([]);
    writeFileSync(
      join(dir, 'connections.json'),
      JSON.stringify({ connections: { c1: { secret: cipher.encrypt(plain).toString('base64') } } }),
    );
    expect(decryptVault(dir, cipher)).toEqual({ c1: { accessToken: TOKEN, refreshToken: '1//0refresh-secret' } });
  });

  it('refuses to pass with nothing to look for', () => {
    expect(() => secretsReadableOnDisk(diskWith(plain), [])).toThrow(/no secrets/);
    expect(() => secretsReadableOnDisk(diskWith(plain), [''])).toThrow(/no secrets/);
    expect(() => secretsReadableOnDisk(diskWith(plain), ['short'])).toThrow(/too short/);
  });
});
