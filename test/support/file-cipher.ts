// A real AES-256-GCM cipher for the test build of the shell (JUNCTION_TEST_CIPHER=aes-gcm):
// CI machines have no keyring, and safeStorage's `basic_text` fallback would make every test
// accept insecure storage first. The key lives in the test's own data directory, so a relaunch
// in the same profile can read what the previous run stored. Never part of the product.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cipher } from '../../src-main/core/options';

const KEY_FILE = 'test-cipher.key';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function loadOrCreateKey(dataDir: string): Buffer {
  const file = join(dataDir, KEY_FILE);
  try {
    const key = readFileSync(file);
    if (key.length === 32) return key;
  } catch {
    // First launch in this profile: fall through and make one.
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

export function createFileCipher(dataDir: string): Cipher {
  const key = loadOrCreateKey(dataDir);
  return {
    backend: 'test_aes_gcm',
    secure: true,
    encrypt(plain: string): Buffer {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(data: Buffer): string {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}
