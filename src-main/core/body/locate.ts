// Which key or value of a JSON body holds a byte offset, and its path: the container tables are
// searched by offset (binary search), so a search that found the query's bytes somewhere jumps
// to them instead of walking every token of a 100 MB body.
import type { JsonPathSegment } from '../../../src-shared/body';
import { decodeString, entryAt, entryStart, skipSpace, type ContainerTable } from './json-scan';

export interface Located {
  path: JsonPathSegment[];
  in: 'key' | 'value';
  start: number;
  end: number;
}

/** `table(at)`: the container starting at `at`. Null when `pos` is in no key or scalar (a comma, a bracket). */
export function locate(b: Buffer, pos: number, table: (at: number) => ContainerTable): Located | null {
  let at = skipSpace(b, 0);
  let end = b.length;
  const path: JsonPathSegment[] = [];
  for (;;) {
    const first = b[at];
    if (first !== 0x7b && first !== 0x5b) return { path, in: 'value', start: at, end };
    const t = table(at);
    const isObject = t.type === 'object';
    // The last entry starting at or before `pos` (its key in objects, its value in arrays).
    const startOf = (n: number) => entryStart(t, n);
    let low = 0;
    let high = t.count - 1;
    if (high < 0 || startOf(0) > pos) return null;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (startOf(mid) <= pos) low = mid;
      else high = mid - 1;
    }
    const [keyStart, keyEnd, valueStart, valueEnd] = entryAt(t, low);
    if (isObject && pos < keyEnd) return { path: [...path, decodeString(b, keyStart, keyEnd)], in: 'key', start: keyStart, end: keyEnd };
    if (pos < valueStart || pos >= valueEnd) return null;
    path.push(isObject ? decodeString(b, keyStart, keyEnd) : low);
    at = valueStart;
    end = valueEnd;
  }
}
