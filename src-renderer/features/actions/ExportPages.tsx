import { useId, useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat } from '../../../src-shared/export';
import type { PagingRequest } from '../../stores/actions';
import { useExports, type ExportState } from '../../stores/exports';
import { Notice } from '../../ui/Notice';
import { exportWords } from './export-words';

export const FORMAT_LABELS: Record<ExportFormat, string> = { csv: 'CSV (spreadsheets)', ndjson: 'NDJSON (one JSON item per line)' };

function Running({
  state,
  maxPages,
  onCancel,
}: {
  state: Extract<ExportState, { status: 'running' }>;
  maxPages: number;
  onCancel(): void;
}) {
  const id = useId();
  return (
    <div className="paging-progress">
      <label htmlFor={id}>
        {state.pages === 0
          ? 'Saving: waiting for the first page…'
          : `Saving: page ${state.pages} of at most ${maxPages} · ${state.items.toLocaleString('en')} item${state.items === 1 ? '' : 's'} written`}
      </label>
      <div className="row">
        {state.pages === 0 ? (
          <progress id={id} className="grow" />
        ) : (
          <progress id={id} className="grow" max={maxPages} value={state.pages} />
        )}
        <button type="button" className="secondary" disabled={state.stopping} onClick={onCancel}>
          {state.stopping ? 'Stopping…' : 'Stop saving'}
        </button>
      </div>
      {state.waiting && (
        <p className="muted" role="status">
          {state.waiting.charAt(0).toUpperCase() + state.waiting.slice(1)}; saving goes on after it.
        </p>
      )}
    </div>
  );
}

/** Every page of the list straight to a file, written by the core as pages arrive: nothing held in the window. */
export function ExportPages({ connectionId, request, disabled }: { connectionId: string; request: PagingRequest; disabled: boolean }) {
  const formatId = useId();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const state = useExports((s) => s.runs[connectionId]);
  const exportPages = useExports((s) => s.exportPages);
  const cancelExport = useExports((s) => s.cancelExport);
  const running = state?.status === 'running';
  return (
    <div className="export-pages">
      <div className="row wrap">
        <div className="field">
          <label htmlFor={formatId}>Save every page as</label>
          <select id={formatId} value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
            {EXPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <button
            type="button"
            className="secondary"
            disabled={disabled || running}
            onClick={() => void exportPages(connectionId, request, format, request.label)}
          >
            Save to a file…
          </button>
        </div>
      </div>
      <div aria-live="polite">
        {running && <Running state={state} maxPages={request.maxPages} onCancel={() => void cancelExport(connectionId)} />}
      </div>
      {state?.status === 'error' && <Notice tone="error">{state.message}</Notice>}
      {state?.status === 'done' && <Notice tone={state.result.saved ? 'success' : 'info'}>{exportWords(state.result, 'item')}</Notice>}
    </div>
  );
}
