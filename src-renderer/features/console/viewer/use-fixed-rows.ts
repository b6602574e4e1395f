// Windowing for lists of one-line rows, sized for millions of them. @tanstack/react-virtual keeps
// a measurement per row (3 million objects for a 200 MB answer's array, rebuilt when the count
// changes: long tasks on every expand), and no browser lays out a box of 3 million × 22 px. Rows
// here have one fixed height, so the window is arithmetic; past MAX_HEIGHT the scrollbar maps
// onto the rows proportionally instead of one pixel per pixel.
import { useLayoutEffect, useState } from 'react';

/** One row's height in pixels; the viewer's rows are one line each (styles.css .v-row). */
export const ROW_HEIGHT = 22;
/** The tallest scroll area laid out; Chromium gives up near 33 million pixels. */
export const MAX_HEIGHT = 8_000_000;
/** Rows shown while the list's box has no height (not laid out yet, or a DOM without layout). */
const FALLBACK_HEIGHT = 480;
const OVERSCAN = 10;

export interface FixedRows {
  /** The scrolling box's ref. */
  attach(element: HTMLElement | null): void;
  /** Row indexes to render, [start, end). */
  start: number;
  end: number;
  /** The scroll area's height. */
  totalHeight: number;
  /** Where row `index` goes (px from the top of the scroll area). */
  top(index: number): number;
  /** Scrolls so that row `index` is in the middle of the box. */
  scrollToIndex(index: number): void;
  onScroll(): void;
}

export function useFixedRows(count: number): FixedRows {
  const [el, setEl] = useState<HTMLElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_HEIGHT);
  useLayoutEffect(() => {
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || FALLBACK_HEIGHT);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [el]);

  const natural = count * ROW_HEIGHT;
  const totalHeight = Math.min(natural, MAX_HEIGHT);
  const scaled = natural > MAX_HEIGHT;
  const scrollable = Math.max(1, totalHeight - height);
  const rowsScrollable = Math.max(0, count - height / ROW_HEIGHT);
  const top = Math.min(scrollTop, Math.max(0, totalHeight - height));
  const firstExact = scaled ? (top / scrollable) * rowsScrollable : top / ROW_HEIGHT;
  const first = Math.floor(firstExact);
  const visible = Math.ceil(height / ROW_HEIGHT) + 1;

  const scrollToIndex = (index: number) => {
    if (!el) return;
    const target = Math.max(0, index - Math.floor(height / ROW_HEIGHT / 2));
    const offset = scaled ? (Math.min(target, rowsScrollable) / Math.max(1, rowsScrollable)) * scrollable : target * ROW_HEIGHT;
    if (typeof el.scrollTo === 'function') el.scrollTo({ top: offset });
    // A DOM without layout keeps scrollTop at 0: the window follows the wish, not the element.
    setScrollTop(offset);
  };

  return {
    start: Math.max(0, first - OVERSCAN),
    end: Math.min(count, first + visible + OVERSCAN),
    totalHeight,
    top: (index) => top + (index - firstExact) * ROW_HEIGHT,
    scrollToIndex,
    onScroll: () => setScrollTop(el?.scrollTop ?? 0),
    attach: setEl,
  };
}
