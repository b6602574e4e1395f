import { useId, useMemo, useState, type FormEvent } from 'react';
import type { Connection } from '../../../src-shared/types';
import { useActions, type PagingState } from '../../stores/actions';
import { Notice } from '../../ui/Notice';
import { cappedWords, itemsTable, pagedListsFor, type PagedList } from './paging-lists';
import { ResultView } from './ResultView';
import { ExportPages } from './ExportPages';

const DEFAULT_PAGES = 10;

function wholeIn(text: string, min: number, max: number): boolean {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max;
}

function Progress({ state, onCancel }: { state: Extract<PagingState, { status: 'running' }>; onCancel(): void }) {
  const id = useId();
  const { pages, items, request } = state;
  return (
    <div className="paging-progress">
      <label htmlFor={id}>
        {pages === 0
          ? 'Waiting for the first page…'
          : `Page ${pages} of at most ${request.maxPages} · ${items} item${items === 1 ? '' : 's'} so far`}
      </label>
      <div className="row">
        {pages === 0 ? <progress id={id} className="grow" /> : <progress id={id} className="grow" max={request.maxPages} value={pages} />}
        <button type="button" className="secondary" disabled={state.stopping} onClick={onCancel}>
          {state.stopping ? 'Stopping…' : 'Cancel'}
        </button>
      </div>
      {state.waiting && (
        <p className="muted" role="status">
          {state.waiting.charAt(0).toUpperCase() + state.waiting.slice(1)}; the run goes on after it.
        </p>
      )}
    </div>
  );
}

function Outcome({ state }: { state: Extract<PagingState, { status: 'done' }> }) {
  const { result, request } = state;
  const table = useMemo(() => itemsTable(result.items), [result.items]);
  const ending = result.cancelled ? 'stopped when you cancelled' : result.capped ? cappedWords(result, request.maxPages) : 'all pages';
  return (
    <ResultView
      label={`${request.label}, every page`}
      caption={request.label}
      columns={table.columns}
      rows={table.rows}
      raw={result.items}
      facts={
        <p className="result-summary">
          {result.items.length} item{result.items.length === 1 ? '' : 's'} from {result.pages} page{result.pages === 1 ? '' : 's'} ({ending}
          ){result.itemsKey && <span className="muted"> · merged from “{result.itemsKey}”</span>}
        </p>
      }
    />
  );
}

/** Fetch every page of one of the service's lists, with a progress bar and a way to stop. */
export function PagingPanel({ connection }: { connection: Connection }) {
  const lists = pagedListsFor(connection.service);
  const state = useActions((s) => s.paging[connection.id]);
  const fetchAllPages = useActions((s) => s.fetchAllPages);
  const cancelPaging = useActions((s) => s.cancelPaging);
  const ids = { title: useId(), list: useId(), pages: useId(), size: useId() };
  const [listId, setListId] = useState(lists[0]?.id ?? '');
  const [maxPages, setMaxPages] = useState(String(DEFAULT_PAGES));
  const [sizes, setSizes] = useState<Record<string, string>>({});
  if (lists.length === 0) return null;
  const list: PagedList = lists.find((l) => l.id === listId) ?? (lists[0] as PagedList);
  const size = sizes[list.id] ?? String(list.pageSize.value);
  const pagesValid = wholeIn(maxPages, 1, 100);
  const sizeValid = wholeIn(size, 1, list.pageSize.max);
  const running = state?.status === 'running';
  const request = { url: list.url, query: { ...list.query, [list.pageSize.param]: size }, maxPages: Number(maxPages), label: list.label };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!pagesValid || !sizeValid || running) return;
    void fetchAllPages(connection.id, request);
  };

  return (
    <section className="card paging" aria-labelledby={ids.title}>
      <h2 id={ids.title}>Every page of a list</h2>
      <p className="muted">Follows the provider’s next-page links and merges the items into one table.</p>
      <form className="row wrap" onSubmit={submit} noValidate>
        <div className="field grow">
          <label htmlFor={ids.list}>List</label>
          <select id={ids.list} value={list.id} onChange={(e) => setListId(e.target.value)}>
            {lists.map((l) => (
              <option key={l.id} value={l.id}>
                {l.label}: GET {l.url}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.size}>Items per page</label>
          <input
            id={ids.size}
            type="number"
            min={1}
            max={list.pageSize.max}
            step={1}
            value={size}
            aria-invalid={!sizeValid || undefined}
            aria-describedby={sizeValid ? undefined : `${ids.size}-error`}
            onChange={(e) => setSizes({ ...sizes, [list.id]: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.pages}>At most this many pages</label>
          <input
            id={ids.pages}
            type="number"
            min={1}
            max={100}
            step={1}
            value={maxPages}
            aria-invalid={!pagesValid || undefined}
            aria-describedby={pagesValid ? undefined : `${ids.pages}-error`}
            onChange={(e) => setMaxPages(e.target.value)}
          />
        </div>
        <div className="field">
          <button type="submit" className="primary" disabled={running || !pagesValid || !sizeValid}>
            Fetch every page
          </button>
        </div>
      </form>
      {!sizeValid && (
        <p id={`${ids.size}-error`} className="field-error">
          Pick a whole number of items per page from 1 to {list.pageSize.max}.
        </p>
      )}
      {!pagesValid && (
        <p id={`${ids.pages}-error`} className="field-error">
          Pick a whole number of pages from 1 to 100.
        </p>
      )}
      <ExportPages connectionId={connection.id} request={request} disabled={!pagesValid || !sizeValid} />
      <div aria-live="polite">{running && <Progress state={state} onCancel={() => void cancelPaging(connection.id)} />}</div>
      {state?.status === 'error' && <Notice tone="error">{state.message}</Notice>}
      {state?.status === 'done' && <Outcome state={state} />}
    </section>
  );
}
