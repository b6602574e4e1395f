// `api.export`: a paging run or a table saved as NDJSON or CSV to a file the person picks in a
// save dialog. Pure types and constants: both processes import this file.
import type { Cell, PaginateCap } from './actions';

export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Columns of a CSV export, at most: the rest of a wide item stays in the NDJSON export. */
export const EXPORT_MAX_COLUMNS = 200;

export type ExportSource =
  /** Every page of a list, as `api.paginate` follows them, written to the file as each page arrives. */
  | { kind: 'pages'; connectionId: string; url: string; query?: Record<string, string> | undefined; maxPages?: number | undefined }
  /** A table the window already shows (a quick action's result): its rows as they are. */
  | { kind: 'rows'; columns: { key: string; label: string }[]; rows: Record<string, Cell>[] };

export interface ExportRequest {
  format: ExportFormat;
  source: ExportSource;
  /** Lets `api.cancel` stop a pages export; the file then keeps the pages written so far. */
  requestId?: string | undefined;
  /** The name the save dialog suggests, without the extension ("gmail-messages"). */
  name?: string | undefined;
}

export interface ExportResult {
  /** False when the person closed the save dialog: nothing was fetched or written. */
  saved: boolean;
  /** The file's name (not its folder). */
  fileName?: string;
  /** Items (NDJSON lines, CSV rows after the header) in the file. */
  items: number;
  /** Pages fetched (0 for rows). */
  pages: number;
  bytes: number;
  cancelled: boolean;
  /** Whether a limit stopped a pages export with more left (as `api.paginate`'s `capped`). */
  capped: boolean;
  cappedBy?: PaginateCap;
}
