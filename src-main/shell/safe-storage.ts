// The core's cipher over Electron's safeStorage: the OS keychain (macOS Keychain, Windows DPAPI,
// libsecret or KWallet on Linux) guards the key, so no native module like the archived `keytar`
// is needed. `secure` is the honest answer to "would another user of this disk need the OS login
// to read the tokens?": false when safeStorage is unavailable, or on Linux when Chromium fell back
// to `basic_text` (a hard-coded key). The core then asks the person to accept weaker storage
// before it stores a first token; the shell never decides that silently.
import type { Cipher } from '../core/options';

/** The part of Electron's `safeStorage` the cipher uses (a test double implements the same). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  isAsyncEncryptionAvailable?: () => Promise<boolean>;
  getSelectedStorageBackend?: () => string;
  encryptString(plain: string): Buffer;
  decryptString(data: Buffer): string;
}

/** The backend name reported when safeStorage cannot encrypt at all. */
export const UNAVAILABLE_BACKEND = 'unavailable';

/** Prefix of what is stored when the OS offers no encryption (never read back while it does). */
const PLAIN_MARKER = Buffer.from('junction-plain:', 'utf8');

/** The backend name for what Chromium picked on this platform (safeStorage names only Linux's). */
export function storageBackendName(storage: SafeStorageLike, platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'keychain';
    case 'win32':
      return 'dpapi';
    default:
      return storage.getSelectedStorageBackend?.() ?? 'unknown';
  }
}

/**
 * Must run after `app` is ready: before it, Linux reports the backend as `unknown` and
 * encryption as unavailable.
 *
 * Where this Electron has the async API, its availability check is awaited first: it resolves
 * only once the OS store has been initialised, rather than answering early. Encryption itself
 * stays on the synchronous pair, and so does the availability answer: the core's `Cipher` is
 * synchronous by contract (CoreOptions.cipher), and data written by `encryptStringAsync` is not
 * promised to be readable by `decryptString`, so mixing the two would risk unreadable tokens.
 */
export async function createSafeStorageCipher(storage: SafeStorageLike, platform: NodeJS.Platform): Promise<Cipher> {
  if (storage.isAsyncEncryptionAvailable) {
    await storage.isAsyncEncryptionAvailable().catch(() => false);
  }
  const available = storage.isEncryptionAvailable();
  const backend = available ? storageBackendName(storage, platform) : UNAVAILABLE_BACKEND;
  const secure = available && backend !== 'basic_text' && backend !== 'unknown';

  return {
    backend,
    secure,
    encrypt(plain: string): Buffer {
      // With no OS encryption at all, the person has been told and has accepted weaker storage
      // (the core refuses to store a token before that); the bytes are then marked, not hidden.
      if (!available) return Buffer.concat([PLAIN_MARKER, Buffer.from(plain, 'utf8')]);
      return storage.encryptString(plain);
    },
    decrypt(data: Buffer): string {
      if (!available) {
        if (!data.subarray(0, PLAIN_MARKER.length).equals(PLAIN_MARKER)) {
          throw new Error('This data was encrypted with a key this computer no longer offers.');
        }
        return data.subarray(PLAIN_MARKER.length).toString('utf8');
      }
      return storage.decryptString(data);
    },
  };
}
