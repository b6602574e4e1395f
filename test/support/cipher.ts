import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Cipher } from '../../src-main/core/options';

export interface TestCipher extends Cipher {
  /** Encryptions and decryptions so far (failed decryptions included). */
  readonly calls: { encrypt: number; decrypt: number; decryptFailures: number };
  /** A new key: everything written before no longer decrypts, as after an OS keyring reset. */
  rotateKey(): void;
  /** Makes encrypt and decrypt throw, as safeStorage does when no secret store is available. */
  setUnavailable(unavailable: boolean): void;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A real AES-256-GCM cipher (random IV, authenticated) behind the core's Cipher interface, so the
 * vault's tests see genuine ciphertext and genuine failures, not a reversible encoding.
 * Layout: IV ‖ tag ‖ ciphertext.
 */
export function createTestCipher(options: { secure?: boolean; backend?: string; key?: Buffer } = {}): TestCipher {
  const secure = options.secure ?? true;
  let key = options.key ?? randomBytes(32);
  if (key.length !== 32) throw new Error('createTestCipher: the key must be 32 bytes (AES-256)');
  let unavailable = false;
  const calls = { encrypt: 0, decrypt: 0, decryptFailures: 0 };

  return {
    backend: options.backend ?? (secure ? 'gnome_libsecret' : 'basic_text'),
    secure,
    calls,
    encrypt(plain) {
      calls.encrypt += 1;
      if (unavailable) throw new Error('Encryption is not available.');
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      calls.decrypt += 1;
      try {
        if (unavailable) throw new Error('Encryption is not available.');
        if (data.length < IV_BYTES + TAG_BYTES) throw new Error('ciphertext too short');
        const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
        decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch (cause) {
        calls.decryptFailures += 1;
        // The same words Electron's safeStorage uses, so error paths read as they will in the app.
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.', { cause });
      }
    },
    rotateKey() {
      key = randomBytes(32);
    },
    setUnavailable(value) {
      unavailable = value;
    },
  };
}
