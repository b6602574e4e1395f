// The safeStorage cipher: honest about `secure`, async availability check where present.
import { describe, expect, it, vi } from 'vitest';
import { UNAVAILABLE_BACKEND, createSafeStorageCipher, type SafeStorageLike } from '../../src-main/shell/safe-storage';
import { createFileCipher } from '../support/file-cipher';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function storage(backend: string, available = true): SafeStorageLike & { encryptString: ReturnType<typeof vi.fn> } {
  return {
    isEncryptionAvailable: vi.fn(() => available),
    isAsyncEncryptionAvailable: vi.fn(async () => available),
    getSelectedStorageBackend: vi.fn(() => backend),
    encryptString: vi.fn((plain: string) => Buffer.from(plain.split('').reverse().join(''))),
    decryptString: vi.fn((data: Buffer) => data.toString().split('').reverse().join('')),
  };
}

describe('createSafeStorageCipher', () => {
  it('is secure with a real Linux keyring', async () => {
    const cipher = await createSafeStorageCipher(storage('gnome_libsecret'), 'linux');
    expect(cipher).toMatchObject({ backend: 'gnome_libsecret', secure: true });
    expect(cipher.decrypt(cipher.encrypt('refresh-token'))).toBe('refresh-token');
  });

  it('reports secure: false for basic_text', async () => {
    const cipher = await createSafeStorageCipher(storage('basic_text'), 'linux');
    expect(cipher).toMatchObject({ backend: 'basic_text', secure: false });
  });

  it('names the macOS and Windows stores', async () => {
    await expect(createSafeStorageCipher(storage('unknown'), 'darwin')).resolves.toMatchObject({ backend: 'keychain', secure: true });
    await expect(createSafeStorageCipher(storage('unknown'), 'win32')).resolves.toMatchObject({ backend: 'dpapi', secure: true });
  });

  it('lets the async API initialise the keyring first, then answers with the sync API it encrypts with', async () => {
    const withAsync = storage('kwallet5');
    await createSafeStorageCipher(withAsync, 'linux');
    expect(withAsync.isAsyncEncryptionAvailable).toHaveBeenCalled();
    expect(withAsync.isEncryptionAvailable).toHaveBeenCalled();
    const older = storage('kwallet5');
    delete older.isAsyncEncryptionAvailable;
    await expect(createSafeStorageCipher(older, 'linux')).resolves.toMatchObject({ secure: true });
    const failing = storage('kwallet5');
    failing.isAsyncEncryptionAvailable = async () => Promise.reject(new Error('dbus'));
    await expect(createSafeStorageCipher(failing, 'linux')).resolves.toMatchObject({ secure: true });
  });

  it('reports secure: false when encryption is unavailable, and never calls safeStorage to encrypt', async () => {
    const none = storage('gnome_libsecret', false);
    const cipher = await createSafeStorageCipher(none, 'linux');
    expect(cipher).toMatchObject({ backend: UNAVAILABLE_BACKEND, secure: false });
    expect(cipher.decrypt(cipher.encrypt('t'))).toBe('t');
    expect(none.encryptString).not.toHaveBeenCalled();
    expect(() => cipher.decrypt(Buffer.from('garbage'))).toThrow();
  });
});

describe('createFileCipher', () => {
  it('round-trips, authenticates, and reuses its key within one data directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'junction-cipher-'));
    try {
      const first = createFileCipher(dir);
      const sealed = first.encrypt('ya29.secret');
      expect(sealed.toString()).not.toContain('ya29');
      expect(createFileCipher(dir).decrypt(sealed)).toBe('ya29.secret');
      sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 1;
      expect(() => first.decrypt(sealed)).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
