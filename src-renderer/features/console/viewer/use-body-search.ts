// Search in a response body: the query runs in whoever holds the body (the main process's worker
// for a kept body), matches come back a page at a time, and "n of N" walks them.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BodySearchMatch } from '../../../../src-shared/body';
import type { BodySource, SearchMode } from '../../../lib/body-source';
import { errorMessage } from '../../../api/errors';

const MATCH_PAGE = 200;
/** Typing pauses this long before a search runs; Enter runs it at once. */
const DEBOUNCE_MS = 250;

export interface SearchState {
  query: string;
  mode: SearchMode;
  /** Matches in all; null before a search has answered. */
  total: number | null;
  /** The current match, 0-based; -1 when none is picked. */
  current: number;
  busy: boolean;
  error: string | null;
}

export function useBodySearch(source: BodySource, onJump: (match: BodySearchMatch) => void) {
  const [state, setState] = useState<SearchState>({ query: '', mode: 'plain', total: null, current: -1, busy: false, error: null });
  const pages = useRef(new Map<number, BodySearchMatch[]>());
  const run = useRef(0);
  /** The query and mode the last search ran with, so Enter and the pause do not both run it. */
  const ran = useRef('');
  const jump = useRef(onJump);
  jump.current = onJump;

  const matchAt = useCallback(
    async (index: number, query: string, mode: SearchMode): Promise<BodySearchMatch | undefined> => {
      const page = Math.floor(index / MATCH_PAGE);
      let matches = pages.current.get(page);
      if (!matches) {
        matches = (await source.search(query, mode, page * MATCH_PAGE, MATCH_PAGE)).matches;
        pages.current.set(page, matches);
      }
      return matches[index % MATCH_PAGE];
    },
    [source],
  );

  const search = useCallback(
    async (query: string, mode: SearchMode) => {
      const id = ++run.current;
      ran.current = `${mode}\u0000${query}`;
      pages.current = new Map();
      if (!query) {
        setState((s) => ({ ...s, total: null, current: -1, busy: false, error: null }));
        return;
      }
      setState((s) => ({ ...s, busy: true, error: null }));
      try {
        const first = await source.search(query, mode, 0, MATCH_PAGE);
        if (id !== run.current) return;
        pages.current.set(0, first.matches);
        setState((s) => ({ ...s, total: first.total, current: first.total ? 0 : -1, busy: false }));
        if (first.matches[0]) jump.current(first.matches[0]);
      } catch (error) {
        if (id !== run.current) return;
        setState((s) => ({ ...s, total: null, current: -1, busy: false, error: errorMessage(error) }));
      }
    },
    [source],
  );

  useEffect(() => {
    const key = `${state.mode}\u0000${state.query}`;
    if (ran.current === key) return;
    // Enter may have run this very search while the pause was counting: running it again would
    // send the person back to the first match.
    const timer = setTimeout(() => ran.current !== key && void search(state.query, state.mode), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [state.query, state.mode, search]);

  const step = useCallback(
    async (by: 1 | -1) => {
      const { total, current, query, mode } = state;
      if (!total) return;
      const next = (current + by + total) % total;
      setState((s) => ({ ...s, current: next }));
      try {
        const match = await matchAt(next, query, mode);
        if (match) jump.current(match);
      } catch (error) {
        setState((s) => ({ ...s, error: errorMessage(error) }));
      }
    },
    [state, matchAt],
  );

  return {
    state,
    setQuery: (query: string) => setState((s) => ({ ...s, query })),
    setMode: (mode: SearchMode) => setState((s) => ({ ...s, mode })),
    /** Enter: a new query runs now; the same query moves to the next match. */
    submit: (backwards: boolean) =>
      ran.current === `${state.mode}\u0000${state.query}` ? void step(backwards ? -1 : 1) : void search(state.query, state.mode),
    next: () => void step(1),
    previous: () => void step(-1),
  };
}
