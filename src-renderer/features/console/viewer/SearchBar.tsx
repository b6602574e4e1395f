// Ctrl+F in a response: a query, how to match it, "n of N", and previous/next.
import type { RefObject } from 'react';
import type { SearchMode } from '../../../lib/body-source';
import type { useBodySearch } from './use-body-search';

const MODES: { id: SearchMode; label: string }[] = [
  { id: 'plain', label: 'Plain' },
  { id: 'case', label: 'Match case' },
  { id: 'regex', label: 'Regex' },
];

function countText(total: number | null, current: number, busy: boolean): string {
  if (busy) return 'Searching…';
  if (total === null) return '';
  if (total === 0) return 'No matches';
  return `${current + 1} of ${total}`;
}

export function SearchBar({ search, input }: { search: ReturnType<typeof useBodySearch>; input: RefObject<HTMLInputElement | null> }) {
  const { state } = search;
  return (
    <div className="row body-search" role="search" aria-label="Search the body">
      <input
        ref={input}
        type="search"
        aria-label="Search keys and values"
        placeholder="Search (Ctrl+F)"
        value={state.query}
        maxLength={1000}
        onChange={(e) => search.setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          search.submit(e.shiftKey);
        }}
      />
      <select aria-label="How to match" value={state.mode} onChange={(e) => search.setMode(e.target.value as SearchMode)}>
        {MODES.map((m) => (
          <option key={m.id} value={m.id}>
            {m.label}
          </option>
        ))}
      </select>
      {/* The count and its arrows wrap together, never apart. */}
      <span className="search-nav">
        <span className="search-count" role="status" aria-live="polite">
          {countText(state.total, state.current, state.busy)}
        </span>
        <button type="button" className="secondary" disabled={!state.total} onClick={search.previous}>
          <span aria-hidden="true">↑</span>
          <span className="sr-only">Previous match</span>
        </button>
        <button type="button" className="secondary" disabled={!state.total} onClick={search.next}>
          <span aria-hidden="true">↓</span>
          <span className="sr-only">Next match</span>
        </button>
      </span>
      {state.error && (
        <p className="body-error" role="alert">
          {state.error}
        </p>
      )}
    </div>
  );
}
