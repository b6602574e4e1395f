// Sizes shared by the viewer's lists.
import { ROW_HEIGHT } from './use-fixed-rows';

/** A short body's list is as tall as its rows (plus the box's padding); a long one stops at 60vh. */
export function listHeight(rows: number): string {
  return `min(60vh, ${rows * ROW_HEIGHT + 18}px)`;
}
