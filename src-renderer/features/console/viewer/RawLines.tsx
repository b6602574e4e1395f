// The body as text, virtualized: lines are read from the source a page at a time as they scroll
// into view, so a 100 MB body shows its first screen after one small read.
import { useEffect, useReducer, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { BodySource } from '../../../lib/body-source';
import type { ScrollTarget } from './BodyTree';
import { listHeight, observeRectWithFallback, ROW_HEIGHT } from './virtual';

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
  const cache = useRef<LineCache | null>(null);
  cache.current ??= new LineCache(source, redraw, setError);
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    source.lines(0, LINE_PAGE).then(
      (r) => {
        if (!live) return;
        cache.current?.pages.set(0, r.lines);
        setTotal(r.totalLines);
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [source]);
  // eslint-disable-next-line react-hooks/incompatible-library -- read afresh each render, as the virtualizer wants
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 30,
    observeElementRect: observeRectWithFallback,
  });
  useEffect(() => {
    if (target && total !== null && target.index < total) virtualizer.scrollToIndex(target.index, { align: 'center' });
  }, [target, total, virtualizer]);
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
      ref={scroller}
      tabIndex={0}
      role="region"
      aria-label={label}
      style={{ height: listHeight(total) }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const current = target?.index === item.index;
          return (
            <div
              key={item.key}
              className={current ? 'v-row j-current' : 'v-row'}
              aria-current={current ? 'true' : undefined}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {cache.current?.line(item.index) ?? '…'}
            </div>
          );
        })}
      </div>
    </div>
  );
}
