import { useState } from 'react';
import type { ActionResult } from '../../../src-shared/actions';
import type { ExportFormat } from '../../../src-shared/export';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { fileNameFor } from '../../stores/exports';
import { Notice } from '../../ui/Notice';
import { exportWords } from './export-words';

type Outcome = { tone: 'success' | 'info' | 'error'; text: string };

/** Saves the table as shown (its columns, every row) as CSV or NDJSON through the core's save dialog. */
export function ExportTable({ name, columns, rows }: { name: string; columns: ActionResult['columns']; rows: ActionResult['rows'] }) {
  const [saving, setSaving] = useState<ExportFormat | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const save = async (format: ExportFormat) => {
    setSaving(format);
    setOutcome(null);
    try {
      const result = await api()['api.export']({ format, name: fileNameFor(name), source: { kind: 'rows', columns, rows } });
      setOutcome({ tone: result.saved ? 'success' : 'info', text: exportWords(result, 'row') });
    } catch (error) {
      setOutcome({ tone: 'error', text: errorMessage(error) });
    } finally {
      setSaving(null);
    }
  };
  if (columns.length === 0) return null;
  return (
    <div className="export-table">
      <div className="row">
        <button type="button" className="secondary" disabled={saving !== null} onClick={() => void save('csv')}>
          {saving === 'csv' ? 'Saving…' : 'Save as CSV…'}
        </button>
        <button type="button" className="secondary" disabled={saving !== null} onClick={() => void save('ndjson')}>
          {saving === 'ndjson' ? 'Saving…' : 'Save as NDJSON…'}
        </button>
      </div>
      <div aria-live="polite">{outcome && <Notice tone={outcome.tone}>{outcome.text}</Notice>}</div>
    </div>
  );
}
