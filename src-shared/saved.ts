// Saved requests: a request the person starred under a name, kept by the core per service in the
// data directory, apart from the rolling history (docs/contract.md "saved.*"). A saved request is
// the console's form as typed; the headers the core owns (headers.ts) are never kept.
import type { HttpMethod } from './channels';
import type { ServiceId } from './types';

/** One query or header row, as the console's form holds it. */
export interface SavedRow {
  key: string;
  value: string;
  enabled: boolean;
}

/** The console's form: what loading a saved request puts back. */
export interface SavedDraft {
  method: HttpMethod;
  url: string;
  query: SavedRow[];
  headers: SavedRow[];
  /** The body editor's text (JSON, or empty for none). */
  body: string;
}

export interface SavedRequest {
  id: string;
  service: ServiceId;
  name: string;
  request: SavedDraft;
  /** Epoch ms. */
  createdAt: number;
  updatedAt: number;
}

/** What `saved.export` did: the person may cancel the save dialog. */
export interface SavedExportResult {
  saved: boolean;
  /** The chosen file's name (not its folder). */
  fileName?: string;
  count: number;
}

/** What `saved.import` did: every request of the file, or none of them. */
export interface SavedImportResult {
  imported: number;
  /** Requests of the file already saved under the same service, name and form: not added twice. */
  skipped: number;
}

/** The export file's `format`: anything else is a foreign file. */
export const SAVED_FILE_FORMAT = 'junction.saved-requests';
export const SAVED_FILE_VERSION = 1;

/** Saved requests of one service. */
export const SAVED_MAX_PER_SERVICE = 200;
/** Characters of a saved request's name. */
export const SAVED_NAME_CHARS = 100;
/** Characters of a saved request's body text (the history keeps 64 KiB; a saved body a bit more). */
export const SAVED_BODY_CHARS = 256 * 1024;
/** Characters of all saved requests together, as JSON: the file in the data directory stays small. */
export const SAVED_MAX_TOTAL_CHARS = 8 * 1024 * 1024;
/** Query or header rows of a saved request. */
export const SAVED_MAX_ROWS = 100;
/** Characters of an import file's text. */
export const SAVED_IMPORT_CHARS = 1024 * 1024;
