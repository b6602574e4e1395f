// A byte-level JSON scanner: finds where values start and end without building them, so a node's
// children are read from a 200 MB body without parsing the rest. It follows JSON's structure and
// refuses what breaks it (BodyJsonError with the byte where), but it does not check every
// literal: `tru` reads as a boolean whose preview is `tru`.
import { BODY_PREVIEW_CHARS, type JsonNodeType } from '../../../src-shared/body';
import { GrowableOffsets } from './offsets';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export class BodyJsonError extends Error {}

const broken = (what: string, at: number) => new BodyJsonError(`The body is not valid JSON: ${what} at byte ${at}.`);

export function skipSpace(b: Buffer, i: number): number {
  for (;;) {
    const c = b[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

/** `i` at an opening quote; returns the index after the closing one. */
export function skipString(b: Buffer, i: number): number {
  // A plain loop: most strings are short, and a call to indexOf per string costs more than it saves.
  const n = b.length;
  let at = i + 1;
  while (at < n) {
    const c = b[at++];
    if (c === QUOTE) return at;
    if (c === BACKSLASH) at++;
  }
  throw broken('a string that never ends', i);
}

/** `i` at a value's first byte; returns the index after its last. */
export function skipValue(b: Buffer, i: number): number {
  const first = b[i];
  if (first === QUOTE) return skipString(b, i);
  if (first !== 0x7b && first !== 0x5b) {
    let end = i;
    for (;;) {
      const c = b[end];
      if (c === undefined || c === 0x2c || c === 0x7d || c === 0x5d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) break;
      end++;
    }
    if (end === i) throw broken('a value was expected', i);
    return end;
  }
  // The hot loop of every big body: strings are skipped inline, brackets counted.
  const n = b.length;
  let depth = 0;
  let at = i;
  while (at < n) {
    const c = b[at++] as number;
    if (c === QUOTE) {
      for (;;) {
        if (at >= n) throw broken('a string that never ends', at);
        const d = b[at++];
        if (d === QUOTE) break;
        if (d === BACKSLASH) at++;
      }
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
    } else if ((c === 0x7d || c === 0x5d) && --depth === 0) {
      return at;
    }
  }
  throw broken('an object or array that never ends', i);
}

export function typeAt(b: Buffer, i: number): JsonNodeType {
  switch (b[i]) {
    case 0x7b:
      return 'object';
    case 0x5b:
      return 'array';
    case QUOTE:
      return 'string';
    case 0x74:
    case 0x66:
      return 'boolean';
    case 0x6e:
      return 'null';
    default:
      return 'number';
  }
}

/** A string's value from its quoted bytes. */
export function decodeString(b: Buffer, start: number, end: number): string {
  // A loop, not indexOf: indexOf would search past the string's end to the end of the body.
  let plain = true;
  for (let i = start + 1; i < end - 1; i++) {
    if (b[i] === BACKSLASH) {
      plain = false;
      break;
    }
  }
  if (plain) return b.toString('utf8', start + 1, end - 1);
  try {
    return JSON.parse(b.toString('utf8', start, end)) as string;
  } catch {
    throw broken('a string with a bad escape', start);
  }
}

/** The entries of one object or array: for entry n, key [start, end) (0, 0 in arrays) and value [start, end). */
export interface ContainerTable {
  type: 'object' | 'array';
  /** The index after its closing bracket. */
  end: number;
  /** Per entry: keyStart, keyEnd, valueStart, valueEnd in objects; valueStart, valueEnd in arrays (use entryAt). */
  offsets: GrowableOffsets;
  count: number;
  /** Keys to entries, built on the first lookup by key. */
  keys?: Map<string, number>;
}

/**
 * Reads one object's or array's entries (`i` at its `{` or `[`). With `nested`, the first
 * `nested.first` entries that are containers are read as tables too (handed to `nested.keep`):
 * the root's `items` is then scanned once, not once to skip it and again to list it.
 */
export function readContainer(
  b: Buffer,
  i: number,
  nested?: { first: number; keep(at: number, table: ContainerTable): void },
): ContainerTable {
  const isObject = b[i] === 0x7b;
  const close = isObject ? 0x7d : 0x5d;
  const offsets = new GrowableOffsets();
  let count = 0;
  let at = skipSpace(b, i + 1);
  if (b[at] === close) return { type: isObject ? 'object' : 'array', end: at + 1, offsets: offsets.trim(), count };
  for (;;) {
    let keyStart = 0;
    let keyEnd = 0;
    if (isObject) {
      if (b[at] !== QUOTE) throw broken('a key was expected', at);
      keyStart = at;
      keyEnd = skipString(b, at);
      at = skipSpace(b, keyEnd);
      if (b[at] !== 0x3a) throw broken('":" was expected', at);
      at = skipSpace(b, at + 1);
    }
    let valueEnd: number;
    if (nested && count < nested.first && (b[at] === 0x7b || b[at] === 0x5b)) {
      const table = readContainer(b, at);
      nested.keep(at, table);
      valueEnd = table.end;
    } else {
      valueEnd = skipValue(b, at);
    }
    if (isObject) {
      offsets.push(keyStart);
      offsets.push(keyEnd);
    }
    offsets.push(at);
    offsets.push(valueEnd);
    count++;
    at = skipSpace(b, valueEnd);
    if (b[at] === 0x2c) {
      at = skipSpace(b, at + 1);
      continue;
    }
    // Trimmed: a 2-million-item array's table would otherwise keep up to half again of spare room.
    if (b[at] === close) return { type: isObject ? 'object' : 'array', end: at + 1, offsets: offsets.trim(), count };
    throw broken(`"," or "${String.fromCharCode(close)}" was expected`, at);
  }
}

/** Entry `n` of a table: [keyStart, keyEnd, valueStart, valueEnd] (keys 0, 0 in arrays). */
export function entryAt(table: ContainerTable, n: number): [number, number, number, number] {
  const o = table.offsets;
  if (table.type === 'array') return [0, 0, o.at(n * 2), o.at(n * 2 + 1)];
  return [o.at(n * 4), o.at(n * 4 + 1), o.at(n * 4 + 2), o.at(n * 4 + 3)];
}

/** Where entry `n` starts: its key in objects, its value in arrays. */
export function entryStart(table: ContainerTable, n: number): number {
  return table.type === 'array' ? table.offsets.at(n * 2) : table.offsets.at(n * 4);
}

const cut = (text: string): string => (text.length > BODY_PREVIEW_CHARS ? `${text.slice(0, BODY_PREVIEW_CHARS - 1)}…` : text);

/**
 * A value as short JSON text: a scalar as written, a container with its whitespace left out,
 * e.g. `{"id":1,"name":"Ada",…}`. Reads at most a few hundred bytes whatever the value's size.
 */
export function previewAt(b: Buffer, start: number, end: number): string {
  const first = b[start];
  if (first !== 0x7b && first !== 0x5b) return cut(b.toString('utf8', start, Math.min(end, start + BODY_PREVIEW_CHARS * 4)));
  const out: number[] = [];
  let inString = false;
  let escaped = false;
  for (let i = start; i < end && out.length < BODY_PREVIEW_CHARS * 4; i++) {
    const c = b[i] as number;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === BACKSLASH) escaped = true;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    out.push(c);
  }
  const text = Buffer.from(out).toString('utf8');
  return out.length >= BODY_PREVIEW_CHARS * 4 || text.length > BODY_PREVIEW_CHARS ? `${text.slice(0, BODY_PREVIEW_CHARS - 1)}…` : text;
}
