// Saved requests (docs/contract.md "saved.*"): kept per service in saved-requests.json in the data
// directory, apart from the window's rolling history. Every change is one atomic write (JsonStore),
// so a crash leaves the old list or the new one. Headers the core owns (src-shared/headers.ts) are
// dropped before anything is kept: an Authorization typed into the form never reaches the disk.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CORE_OWNED_HEADERS } from '../../../src-shared/headers';
import {
  SAVED_MAX_PER_SERVICE,
  SAVED_MAX_TOTAL_CHARS,
  type SavedDraft,
  type SavedExportResult,
  type SavedImportResult,
  type SavedRequest,
} from '../../../src-shared/saved';
import { SERVICE_IDS, type ServiceId } from '../../../src-shared/types';
import { CoreError } from '../errors';
import type { SavePathRequest } from '../options';
import { JsonStore } from '../vault/json-store';
import { exportText, overflow, parseExport, type SavedEntry } from './saved-file';
import { savedDraft, savedName } from './schemas';
import { z } from 'zod';

type File = { version: number; requests: unknown[] } & Record<string, unknown>;

const CORE_OWNED: ReadonlySet<string> = new Set(CORE_OWNED_HEADERS);

/** What is kept of a form: the core's own headers left out. */
function keepable(request: SavedDraft): SavedDraft {
  return { ...request, headers: request.headers.filter((row) => !CORE_OWNED.has(row.key.trim().toLowerCase())) };
}

/** A stored entry as written by this version; anything else (a hand edit) is left out of the list. */
const storedSchema = z.strictObject({
  id: z.uuid(),
  service: z.enum(SERVICE_IDS),
  name: savedName,
  request: savedDraft,
  createdAt: z.number(),
  updatedAt: z.number(),
});

const sameForm = (a: SavedEntry, b: SavedEntry) =>
  a.service === b.service && a.name === b.name && JSON.stringify(a.request) === JSON.stringify(b.request);

export class SavedRequests {
  private readonly store: JsonStore<File>;
  /** The list as last written: conf would read and parse the file again on every get. */
  private cache: SavedRequest[];
  readonly notices: string[] = [];

  constructor(
    dir: string,
    private readonly now: () => number,
    private readonly chooseSavePath?: (request: SavePathRequest) => Promise<string | null>,
  ) {
    this.store = new JsonStore<File>(dir, 'saved-requests', { version: 1, requests: [] }, now);
    if (this.store.notice) this.notices.push(this.store.notice.message);
    const raw = this.store.get('requests');
    this.cache = (Array.isArray(raw) ? raw : []).flatMap((entry) => {
      const checked = storedSchema.safeParse(entry);
      return checked.success ? [checked.data] : [];
    });
  }

  private all(): SavedRequest[] {
    return this.cache;
  }

  /** The one way the list changes: bounded in bytes as a whole, so no caller can fill the disk. */
  private write(requests: SavedRequest[]): void {
    if (JSON.stringify(requests).length > SAVED_MAX_TOTAL_CHARS) {
      throw new CoreError(
        'invalid_input',
        `Saved requests may take ${SAVED_MAX_TOTAL_CHARS / 1024 / 1024} MiB in all, and this would take more. Delete some first. Nothing was changed.`,
      );
    }
    this.store.set('requests', requests);
    this.cache = requests;
  }

  list(service?: ServiceId): SavedRequest[] {
    const all = this.all();
    return service ? all.filter((r) => r.service === service) : all;
  }

  private countOf(all: SavedRequest[], service: ServiceId): number {
    return all.filter((r) => r.service === service).length;
  }

  save(service: ServiceId, name: string, request: SavedDraft): SavedRequest {
    const all = this.all();
    if (this.countOf(all, service) >= SAVED_MAX_PER_SERVICE) {
      throw new CoreError(
        'invalid_input',
        `${service} already has ${SAVED_MAX_PER_SERVICE} saved requests, the most it keeps: delete some first.`,
      );
    }
    const at = this.now();
    const saved: SavedRequest = { id: randomUUID(), service, name, request: keepable(request), createdAt: at, updatedAt: at };
    this.write([...all, saved]);
    return saved;
  }

  private find(all: SavedRequest[], id: string): SavedRequest {
    const found = all.find((r) => r.id === id);
    if (!found) throw new CoreError('not_found', 'That saved request is gone (deleted, perhaps in another window). Reload the list.');
    return found;
  }

  rename(id: string, name: string): SavedRequest {
    const all = this.all();
    const renamed = { ...this.find(all, id), name, updatedAt: this.now() };
    this.write(all.map((r) => (r.id === id ? renamed : r)));
    return renamed;
  }

  delete(id: string): { deleted: boolean } {
    const all = this.all();
    const kept = all.filter((r) => r.id !== id);
    if (kept.length === all.length) return { deleted: false };
    this.write(kept);
    return { deleted: true };
  }

  async export(service?: ServiceId): Promise<SavedExportResult> {
    if (!this.chooseSavePath) throw new CoreError('invalid_input', 'Junction has no save dialog here, so it cannot export.');
    const requests = this.list(service);
    const path = await this.chooseSavePath({
      title: 'Export saved requests',
      defaultName: `junction-saved-requests${service ? `-${service}` : ''}.json`,
      filters: [{ name: 'JSON', extensions: ['json'] }],
    });
    if (path === null) return { saved: false, count: 0 };
    try {
      await writeFile(path, exportText(requests, this.now()), { mode: 0o600 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'an error';
      throw new CoreError('invalid_input', `Junction could not write ${basename(path)} (${code}). Choose another folder.`);
    }
    return { saved: true, fileName: basename(path), count: requests.length };
  }

  /** All of the file's requests, or none: it is checked whole before the list changes. */
  import(text: string): SavedImportResult {
    const entries = parseExport(text);
    const all = this.all();
    const fresh = entries.filter((entry, i) => {
      const kept = { ...entry, request: keepable(entry.request) };
      return !all.some((r) => sameForm(r, kept)) && !entries.slice(0, i).some((e) => sameForm(e, entry));
    });
    const counts = new Map<ServiceId, number>();
    for (const r of [...all, ...fresh]) counts.set(r.service, (counts.get(r.service) ?? 0) + 1);
    const over = overflow(counts);
    if (over.length) {
      throw new CoreError(
        'invalid_input',
        `Importing would keep more than ${SAVED_MAX_PER_SERVICE} saved requests for ${over.join(', ')}. Delete some first. Nothing was imported.`,
      );
    }
    const at = this.now();
    const added = fresh.map((e): SavedRequest => ({
      id: randomUUID(),
      service: e.service,
      name: e.name,
      request: keepable(e.request),
      createdAt: at,
      updatedAt: at,
    }));
    if (added.length) this.write([...all, ...added]);
    return { imported: added.length, skipped: entries.length - added.length };
  }
}
