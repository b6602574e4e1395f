// `api.export`: asks where to save, then writes a paging run page by page (nothing of it is kept
// in memory) or a table the window sent, as NDJSON or CSV (docs/contract.md).
import type { PaginateResult } from '../../../src-shared/actions';
import type { ExportFormat, ExportResult } from '../../../src-shared/export';
import type { PageSink } from '../actions/paginate';
import { CoreError } from '../errors';
import type { ChannelPayload } from '../ipc/contract';
import type { SavePathRequest } from '../options';
import { columnsOf, csvLine, headerOf, valueAt, type ColumnPath } from './csv';
import { ExportFile } from './export-file';

type Payload = ChannelPayload<'api.export'>;
type PagesSource = Extract<Payload['source'], { kind: 'pages' }>;

export interface ExportDeps {
  chooseSavePath?(request: SavePathRequest): Promise<string | null>;
  /** Follows the pages as `api.paginate` does, handing each page's items to `sink`. */
  walkPages(source: PagesSource, requestId: string | undefined, sink: PageSink): Promise<PaginateResult>;
}

const FILTERS: Record<ExportFormat, SavePathRequest['filters']> = {
  ndjson: [{ name: 'Newline-delimited JSON', extensions: ['ndjson', 'jsonl'] }],
  csv: [{ name: 'CSV', extensions: ['csv'] }],
};

/** Excel reads a CSV without it as the system's legacy code page. */
const UTF8_BOM = '\uFEFF';

/** Writes items of one kind: NDJSON line by line, CSV with a header from the first items seen. */
class Encoder {
  private columns: ColumnPath[] | null = null;

  constructor(private readonly format: ExportFormat) {}

  /** A table's own columns (labels as the header) instead of ones found in the items. */
  useColumns(columns: ColumnPath[], labels: string[]): string {
    this.columns = columns;
    return UTF8_BOM + csvLine(labels);
  }

  encode(items: readonly unknown[]): string {
    if (items.length === 0) return '';
    if (this.format === 'ndjson') return items.map((item) => `${JSON.stringify(item)}\n`).join('');
    let text = '';
    if (this.columns === null) {
      this.columns = columnsOf(items);
      text = UTF8_BOM + headerOf(this.columns);
    }
    const columns = this.columns;
    return text + items.map((item) => csvLine(columns.map((path) => valueAt(item, path)))).join('');
  }
}

export async function runExport(deps: ExportDeps, payload: Payload): Promise<ExportResult> {
  if (!deps.chooseSavePath) {
    throw new CoreError('invalid_input', 'This Junction has no save dialog to ask where the file should go.');
  }
  const { format, source } = payload;
  const base = payload.name ?? (source.kind === 'pages' ? 'every-page' : 'table');
  const path = await deps.chooseSavePath({
    title: source.kind === 'pages' ? 'Save every page' : 'Save the table',
    defaultName: `${base}.${format}`,
    filters: FILTERS[format],
  });
  const none: ExportResult = { saved: false, items: 0, pages: 0, bytes: 0, cancelled: false, capped: false };
  if (path === null) return none;

  const file = await ExportFile.open(path);
  const encoder = new Encoder(format);
  let items = 0;
  try {
    if (source.kind === 'rows') {
      const keys = source.columns.map((column) => [column.key]);
      if (format === 'csv')
        await file.write(
          encoder.useColumns(
            keys,
            source.columns.map((column) => column.label),
          ),
        );
      // Only the table's columns, in its order: what the person saw.
      const rows = source.rows.map((row) => Object.fromEntries(source.columns.map(({ key }) => [key, row[key] ?? null])));
      await file.write(encoder.encode(rows));
      await file.finish();
      return { ...none, saved: true, fileName: file.fileName, items: rows.length, bytes: file.written };
    }
    const result = await deps.walkPages(source, payload.requestId, async (page) => {
      await file.write(encoder.encode(page));
      items += page.length;
    });
    if (result.cancelled && items === 0) {
      await file.abandon();
      return { ...none, cancelled: true };
    }
    await file.finish();
    return {
      saved: true,
      fileName: file.fileName,
      items,
      pages: result.pages,
      bytes: file.written,
      cancelled: result.cancelled,
      capped: result.capped,
      ...(result.cappedBy ? { cappedBy: result.cappedBy } : {}),
    };
  } catch (error) {
    await file.abandon();
    throw error;
  }
}
