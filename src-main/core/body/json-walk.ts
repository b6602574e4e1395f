// Every key and scalar of a JSON body in document order, with its path, for `api.body` `search`.
// Iterative, with its own stack: a body nested a million deep must not overflow the worker's.
import type { JsonPathSegment } from '../../../src-shared/body';
import { BodyJsonError, decodeString, skipSpace, skipString, skipValue } from './json-scan';

interface Frame {
  isObject: boolean;
  keyStart: number;
  keyEnd: number;
  index: number;
}

export interface WalkVisitor {
  /** A key [start, end) with its quotes; `path()` ends with it. */
  key(start: number, end: number, path: () => JsonPathSegment[]): void;
  /** A scalar [start, end) as written (a string with its quotes). */
  value(start: number, end: number, path: () => JsonPathSegment[]): void;
}

export function walkJson(b: Buffer, visit: WalkVisitor): void {
  const stack: Frame[] = [];
  const path = (): JsonPathSegment[] => stack.map((f) => (f.isObject ? decodeString(b, f.keyStart, f.keyEnd) : f.index));
  let at = skipSpace(b, 0);
  for (;;) {
    // A value starts at `at`.
    const c = b[at];
    if (c === 0x7b || c === 0x5b) {
      const frame: Frame = { isObject: c === 0x7b, keyStart: 0, keyEnd: 0, index: 0 };
      at = skipSpace(b, at + 1);
      if (b[at] === (frame.isObject ? 0x7d : 0x5d)) {
        at += 1;
      } else {
        stack.push(frame);
        at = enter(b, frame, at, visit, path);
        continue;
      }
    } else {
      const end = skipValue(b, at);
      visit.value(at, end, path);
      at = end;
    }
    // After a value: the next entry, or the end of one or more containers.
    for (;;) {
      const top = stack[stack.length - 1];
      if (!top) {
        at = skipSpace(b, at);
        if (at < b.length) throw new BodyJsonError(`The body is not valid JSON: more after the value at byte ${at}.`);
        return;
      }
      at = skipSpace(b, at);
      if (b[at] === 0x2c) {
        top.index += 1;
        at = enter(b, top, skipSpace(b, at + 1), visit, path);
        break;
      }
      if (b[at] === (top.isObject ? 0x7d : 0x5d)) {
        stack.pop();
        at += 1;
        continue;
      }
      throw new BodyJsonError(`The body is not valid JSON: "," or "${top.isObject ? '}' : ']'}" was expected at byte ${at}.`);
    }
  }
}

/** At an entry of `frame`: an object's key and its colon are read; returns where the value starts. */
function enter(b: Buffer, frame: Frame, at: number, visit: WalkVisitor, path: () => JsonPathSegment[]): number {
  if (!frame.isObject) return at;
  if (b[at] !== 0x22) throw new BodyJsonError(`The body is not valid JSON: a key was expected at byte ${at}.`);
  frame.keyStart = at;
  frame.keyEnd = skipString(b, at);
  visit.key(frame.keyStart, frame.keyEnd, path);
  at = skipSpace(b, frame.keyEnd);
  if (b[at] !== 0x3a) throw new BodyJsonError(`The body is not valid JSON: ":" was expected at byte ${at}.`);
  return skipSpace(b, at + 1);
}
