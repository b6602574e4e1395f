// Windowing for millions of rows: the scroll area stays within what a browser lays out, and every
// row, the last included, can still be reached.
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MAX_HEIGHT, ROW_HEIGHT, useFixedRows } from '../../src-renderer/features/console/viewer/use-fixed-rows';

function attached(count: number) {
  const box = document.createElement('div');
  const hook = renderHook(({ n }) => useFixedRows(n), { initialProps: { n: count } });
  act(() => hook.result.current.attach(box));
  return hook;
}

describe('Fixed rows', () => {
  it('lays out a short list one pixel per pixel', () => {
    const { result } = attached(1000);
    expect(result.current.totalHeight).toBe(1000 * ROW_HEIGHT);
    expect(result.current.start).toBe(0);
    expect(result.current.end).toBeLessThan(60);
    act(() => result.current.scrollToIndex(500));
    expect(result.current.start).toBeLessThanOrEqual(500);
    expect(result.current.end).toBeGreaterThan(500);
    expect(result.current.top(500)).toBe(500 * ROW_HEIGHT);
  });

  it('caps a list of three million rows and still reaches the first, the middle and the last', () => {
    const count = 3_000_000;
    const { result } = attached(count);
    expect(result.current.totalHeight).toBe(MAX_HEIGHT);
    for (const index of [0, 1_500_000, count - 1]) {
      act(() => result.current.scrollToIndex(index));
      const { start, end, top, totalHeight } = result.current;
      expect(start).toBeLessThanOrEqual(index);
      expect(end).toBeGreaterThan(index);
      expect(end - start).toBeLessThan(60);
      expect(top(index)).toBeGreaterThanOrEqual(0);
      expect(top(index) + ROW_HEIGHT).toBeLessThanOrEqual(totalHeight + 1e-6);
    }
  });
});
