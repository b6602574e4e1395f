// The body as text, virtualized: lines are read from the source a page at a time as they scroll
// into view, so a 100 MB body shows its first screen after one small read.
import { useEffect, useReducer, useRef, useState } from 'react';
import type { BodySource } from '../../../lib/body-source';
import { range, type ScrollTarget } from './BodyTree';
import { useFixedRows } from './use-fixed-rows';
import { listHeight } from './virtual';

const LINE_PAGE = 500;

class LineCache {
  pages = new Map<number, string[]>();
  private loading = new Set<number>();
  constructor(
    private source: BodySource,
    private onLoad: () => void,
    private onError: (message: string) => void,
  ) {}
  line(index: number): string | undefined {
    const page = Math.floor(index / LINE_PAGE);
    const lines = this.pages.get(page);
    if (!lines && !this.loading.has(page)) {
      this.loading.add(page);
      this.source.lines(page * LINE_PAGE, LINE_PAGE).then(
        (r) => {
          this.pages.set(page, r.lines);
          this.onLoad();
        },
        (error: Error) => this.onError(error.message),
      );
    }
    return lines?.[index % LINE_PAGE];
  }
}

export function RawLines({ source, target, label }: { source: BodySource; target: ScrollTarget | null; label: string }) {
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const [cache] = useState(() => new LineCache(source, redraw, setError));
  useEffect(() => {
    let live = true;
    source.lines(0, LINE_PAGE).then(
      (r) => {
        if (!live) return;
        cache.pages.set(0, r.lines);
        setTotal(r.totalLines);
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [source, cache]);
  const { attach, onScroll, totalHeight, start, end, top, scrollToIndex } = useFixedRows(total ?? 0);
  const jumped = useRef<ScrollTarget | null>(null);
  useEffect(() => {
    if (!target || target === jumped.current || total === null || target.index >= total) return;
    jumped.current = target;
    scrollToIndex(target.index);
  });
  if (error)
    return (
      <p className="notice notice-error" role="alert">
        {error}
      </p>
    );
  if (total === null) return <p className="muted">Reading the body…</p>;
  return (
    <div
      className="viewer-scroll raw-lines"
      ref={attach}
      tabIndex={0}
      role="region"
      aria-label={label}
      style={{ height: listHeight(total) }}
      onScroll={onScroll}
    >
      <div style={{ height: totalHeight, position: 'relative' }}>
        {range(start, end).map((index) => {
          const current = target?.index === index;
          return (
            <div
              key={index}
              className={current ? 'v-row j-current' : 'v-row'}
              aria-current={current ? 'true' : undefined}
              style={{ transform: `translateY(${top(index)}px)` }}
            >
              {cache.line(index) ?? '…'}
            </div>
          );
        })}
      </div>
    </div>
  );
}
