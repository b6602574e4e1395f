import { useState, type ReactNode } from 'react';
import type { ActionResult } from '../../../src-shared/actions';
import { CopyButton } from '../../ui/CopyButton';
import { LazyJsonTree } from '../console/LazyJsonTree';
import { ResultTable } from './ResultTable';

interface Props {
  caption: string;
  columns: ActionResult['columns'];
  rows: ActionResult['rows'];
  /** What the JSON view shows: the provider's own answer. */
  raw: unknown;
  /** Facts about the run, above the table. */
  facts: ReactNode;
  label: string;
  /** Offers the table's Save as CSV / NDJSON under this name. */
  exportName?: string;
}

/** A table first; the JSON the provider sent is one click away. */
export function ResultView({ caption, columns, rows, raw, facts, label, exportName }: Props) {
  const [json, setJson] = useState(false);
  return (
    <section className="action-result card" aria-label={label}>
      <div className="row result-tools">
        <div className="result-facts grow">{facts}</div>
        <button type="button" className="secondary" aria-pressed={json} onClick={() => setJson(!json)}>
          JSON
        </button>
        <CopyButton label="Copy JSON" text={() => JSON.stringify(raw, null, 2)} />
      </div>
      {json ? <LazyJsonTree value={raw} /> : <ResultTable caption={caption} columns={columns} rows={rows} exportName={exportName} />}
    </section>
  );
}
