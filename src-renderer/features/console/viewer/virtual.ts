// The virtualized lists' one adjustment to @tanstack/react-virtual: a list whose box has no
// height yet (not laid out, or a test's DOM without layout) still shows a screenful of rows.
import { observeElementRect, type Virtualizer } from '@tanstack/react-virtual';

/** Rows shown while the list's box has no height. */
const FALLBACK_HEIGHT = 480;

export function observeRectWithFallback<T extends Element>(
  instance: Virtualizer<T, Element>,
  cb: (rect: { width: number; height: number }) => void,
): (() => void) | undefined {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width || 800, height: FALLBACK_HEIGHT }));
}

/** One row's height in pixels; the viewer's rows are one line each (styles.css .v-row). */
export const ROW_HEIGHT = 22;

/** A short body's list is as tall as its rows (plus the box's padding); a long one stops at 60vh. */
export function listHeight(rows: number): string {
  return `min(60vh, ${rows * ROW_HEIGHT + 18}px)`;
}
