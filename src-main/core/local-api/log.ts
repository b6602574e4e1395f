import type { LocalApiLogEntry } from '../../../src-shared/types';

export const LOG_LIMIT = 500;
const MAX_PATH = 512;

/**
 * Every call to the local API, for History → Local API: time, key name, method, path, status.
 * Kept in memory only (the last 500): it is a view of what scripts are doing now, and a file
 * of it would be one more thing on disk to protect. Paths lose their query string, where a
 * script might carry something private.
 */
export class CallLog {
  private readonly entries: LocalApiLogEntry[] = [];

  add(entry: LocalApiLogEntry): void {
    const path = entry.path.split('?')[0] ?? '';
    this.entries.push({ ...entry, path: path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}…` : path });
    if (this.entries.length > LOG_LIMIT) this.entries.splice(0, this.entries.length - LOG_LIMIT);
  }

  /** Newest first. */
  recent(limit = LOG_LIMIT): LocalApiLogEntry[] {
    return this.entries.slice(-limit).reverse();
  }
}
