import { useState } from 'react';
import type { ActionResult, Cell } from '../../../src-shared/actions';
import { ExportTable } from './ExportTable';

export const ROWS_PER_STEP = 100;
/** RFC 3339 date-times, as the APIs send them: shown in the person's own time and format. */
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

type Columns = ActionResult['columns'];
type Rows = ActionResult['rows'];

function CellValue({ value }: { value: Cell | undefined }) {
  if (value === null || value === undefined || value === '') {
    return (
      <span className="muted">
        <span aria-hidden="true">—</span>
        <span className="sr-only">empty</span>
      </span>
    );
  }
  if (typeof value === 'boolean') return <>{value ? 'yes' : 'no'}</>;
  if (typeof value === 'number') return <span className="num">{value.toLocaleString()}</span>;
  if (DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) {
    return (
      <time dateTime={value} title={value}>
        {new Date(value).toLocaleString()}
      </time>
    );
  }
  if (/^https:\/\/\S+$/.test(value)) {
    return (
      <a href={value} target="_blank" rel="noreferrer" title={value}>
        {value}
      </a>
    );
  }
  return <>{value}</>;
}

interface Props {
  caption: string;
  columns: Columns;
  rows: Rows;
  /** Offers Save as CSV / NDJSON, suggesting this name; absent: no export buttons. */
  exportName?: string | undefined;
}

/** The result as an accessible table: a caption, column headers, and a long list shown a step at a time. */
export function ResultTable({ caption, columns, rows, exportName }: Props) {
  const [limit, setLimit] = useState(ROWS_PER_STEP);
  const shown = rows.slice(0, limit);
  return (
    <>
      {/* Its own name: the action's section is already a landmark named by the caption's words. */}
      <div className="result-table-wrap" tabIndex={0} role="region" aria-label={`Table: ${caption}`}>
        <table className="result-table">
          <caption>
            {caption} <span className="muted">({rows.length === 1 ? '1 row' : `${rows.length} rows`})</span>
          </caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.key} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={Math.max(columns.length, 1)} className="muted">
                  Nothing to show.
                </td>
              </tr>
            )}
            {shown.map((row, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c.key}>
                    <CellValue value={row[c.key]} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length > limit && (
          <button type="button" className="link" onClick={() => setLimit(limit + ROWS_PER_STEP * 5)}>
            Show {Math.min(ROWS_PER_STEP * 5, rows.length - limit)} more of {rows.length - limit} remaining rows
          </button>
        )}
      </div>
      {/* Outside the scrolling region, so the buttons show without scrolling the table. */}
      {exportName !== undefined && <ExportTable name={exportName} columns={columns} rows={rows} />}
    </>
  );
}
