import { chmodSync, mkdirSync, statSync } from 'node:fs';

/** Owner only: the vault and settings files are encrypted, but their names and sizes are nobody else's business. */
export const DATA_DIR_MODE = 0o700;

/**
 * Creates the data directory owner-only, and tightens one that already exists: mkdirSync's mode
 * applies only to a directory it creates, so a directory made earlier with 0755 (by an older
 * Junction, a backup restore, or by hand) stayed readable by everyone on the machine.
 * Returns a notice for the person when it could not be tightened.
 */
export function preparePrivateDir(dir: string): string | null {
  mkdirSync(dir, { recursive: true, mode: DATA_DIR_MODE });
  // Windows has no POSIX modes; its user profile directories are private already.
  if (process.platform === 'win32') return null;
  if ((statSync(dir).mode & 0o077) === 0) return null;
  try {
    chmodSync(dir, DATA_DIR_MODE);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return `Junction could not make its data folder ${dir} private to you (${code}); other people on this computer may be able to list it. Move it, or fix its permissions (chmod 700).`;
  }
}
