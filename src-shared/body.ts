// Response bodies kept in the main process (`ApiResponse.bodyHandle`), read piece by piece with
// `api.body` and saved with `api.saveBody`, so a big answer never crosses IPC whole.

/** A step into a JSON value: an object's key or an array's index. */
export type JsonPathSegment = string | number;

export type JsonNodeType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/** An answer's body as the main process keeps it. */
export interface BodyHandle {
  /** Opaque; valid until `api.body` `release`, quit, or the next start. */
  id: string;
  /** The whole body's bytes, as received (after decompression). */
  sizeBytes: number;
  /** 'json' when the body parsed as JSON, 'text' for other text, 'binary' otherwise. */
  kind: 'json' | 'text' | 'binary';
  /**
   * True when the body is too big to travel whole: `ApiResponse.body` then holds only its first
   * page and `json` is absent; the window reads the rest with `api.body`.
   */
  partial: boolean;
}

/** One child of a JSON object or array (`api.body` `children`). */
export interface JsonChild {
  key: JsonPathSegment;
  type: JsonNodeType;
  /** A scalar's value as JSON text, or a container's summary; at most BODY_PREVIEW_CHARS characters. */
  preview: string;
  /** Entries of an object or array. */
  size?: number;
}

/** One match of `api.body` `search`. */
export interface BodySearchMatch {
  /** Where in the JSON the match is ([] for a text body). */
  path: JsonPathSegment[];
  in: 'key' | 'value';
  /** A text body's line (0-based) holding the match. */
  line?: number;
  /** The matched key or value, cut to BODY_PREVIEW_CHARS characters. */
  preview: string;
}

export type BodyRequest =
  /** The body as text, by lines (a line longer than BODY_LINE_CHARS comes in several segments). */
  | { handle: string; op: 'lines'; start: number; count: number }
  /** The children of the JSON node at `path`, `limit` of them from `offset`. */
  | { handle: string; op: 'children'; path: JsonPathSegment[]; offset: number; limit: number }
  /** Keys and values holding `query`: 'plain' ignores case, 'case' matches case, 'regex' is a JavaScript regular expression. */
  | { handle: string; op: 'search'; query: string; mode: 'plain' | 'case' | 'regex'; offset: number; limit: number }
  /** A JSONPath expression over the JSON body; its result as JSON. */
  | { handle: string; op: 'filter'; expression: string }
  /** Frees the kept body (and its spill file). */
  | { handle: string; op: 'release' };

export type BodyResult =
  | { op: 'lines'; start: number; lines: string[]; totalLines: number }
  | { op: 'children'; path: JsonPathSegment[]; type: JsonNodeType; total: number; offset: number; children: JsonChild[] }
  | { op: 'search'; total: number; offset: number; matches: BodySearchMatch[] }
  | { op: 'filter'; count: number; json: string; truncated: boolean }
  | { op: 'release'; released: boolean };

/** What `api.saveBody` did: the person may cancel the save dialog. */
export interface SaveBodyResult {
  saved: boolean;
  /** The chosen file's name (not its folder). */
  fileName?: string;
  bytes?: number;
}

/** Characters of one `lines` segment. */
export const BODY_LINE_CHARS = 4096;
/** Characters of a child's or a match's preview. */
export const BODY_PREVIEW_CHARS = 200;
/** Most lines, children or matches in one `api.body` answer. */
export const BODY_MAX_ITEMS = 1000;
/** Longest search query or filter expression. */
export const BODY_MAX_QUERY_CHARS = 1000;

const MiB = 1024 * 1024;
/** The largest answer body kept, unless the person sets another in Settings. */
export const DEFAULT_BODY_CAP = 200 * MiB;
/** The body cap's range in Settings. */
export const MIN_BODY_CAP = MiB;
export const MAX_BODY_CAP = 1024 * MiB;

/** `settings.getBodyCap` / `settings.setBodyCap`: the cap now and its range. */
export interface BodyCapSettings {
  /** Bytes; a body past it is cut there (`truncated`). */
  maxBodyBytes: number;
  /** True when the person has not chosen one. */
  isDefault: boolean;
  defaultBytes: number;
  minBytes: number;
  maxBytes: number;
}
