// `api.body` `search` over a whole body: a JSON body's keys and scalar values with their paths, a
// text body's lines. Every match is counted; the first MAX_LISTED are kept for paging through.
import { BODY_PREVIEW_CHARS, type BodyHandle, type BodySearchMatch } from '../../../src-shared/body';
import { CoreError } from '../errors';
import { decodeString, type ContainerTable } from './json-scan';
import { locate } from './locate';
import { walkJson } from './json-walk';
import { readSegments } from './lines';
import { GrowableOffsets } from './offsets';

/** Matches kept with their paths; past this they are counted only ("n of N" still right). */
export const MAX_LISTED = 100_000;

export function matcher(query: string, mode: 'plain' | 'case' | 'regex'): (text: string) => boolean {
  if (mode === 'case') return (text) => text.includes(query);
  if (mode === 'plain') {
    const lower = query.toLowerCase();
    return (text) => text.toLowerCase().includes(lower);
  }
  let pattern: RegExp;
  try {
    pattern = new RegExp(query);
  } catch (error) {
    throw new CoreError(
      'invalid_input',
      `query: not a regular expression JavaScript accepts (${(error as Error).message}); fix it or search in plain mode.`,
    );
  }
  return (text) => pattern.test(text);
}

const cut = (text: string): string => (text.length > BODY_PREVIEW_CHARS ? `${text.slice(0, BODY_PREVIEW_CHARS - 1)}…` : text);

export function searchBody(
  bytes: Buffer,
  kind: BodyHandle['kind'],
  segments: GrowableOffsets | undefined,
  query: string,
  mode: 'plain' | 'case' | 'regex',
  table: (at: number) => ContainerTable,
): { total: number; matches: BodySearchMatch[] } {
  const test = matcher(query, mode);
  const matches: BodySearchMatch[] = [];
  let total = 0;
  const found = kind === 'json' && mode !== 'regex' ? occurrences(bytes, query, mode === 'plain') : null;
  if (found) {
    // Straight to where the bytes are; each key or value counts once however often it holds them.
    let last = -1;
    for (let n = 0; n < found.length; n++) {
      const pos = found.at(n);
      if (pos < last) continue;
      const hit = locate(bytes, pos, table);
      if (!hit || pos + query.length > hit.end) continue;
      last = hit.end;
      const text =
        hit.in === 'key' || bytes[hit.start] === 0x22
          ? decodeString(bytes, hit.start, hit.end)
          : bytes.toString('utf8', hit.start, hit.end);
      if (!test(text)) continue;
      total++;
      if (matches.length < MAX_LISTED) matches.push({ path: hit.path, in: hit.in, preview: cut(text) });
    }
    return { total, matches };
  }
  if (kind !== 'json' && segments) {
    for (let line = 0; line < segments.length; line += 1000) {
      for (const [n, text] of readSegments(bytes, segments, line, 1000).entries()) {
        if (!test(text)) continue;
        total++;
        if (matches.length < MAX_LISTED) matches.push({ path: [], in: 'value', line: line + n, preview: cut(text) });
      }
    }
    return { total, matches };
  }
  const text = (start: number, end: number) =>
    bytes[start] === 0x22 ? decodeString(bytes, start, end) : bytes.toString('utf8', start, end);
  walkJson(bytes, {
    key(start, end, path) {
      const key = decodeString(bytes, start, end);
      if (!test(key)) return;
      total++;
      if (matches.length < MAX_LISTED) matches.push({ path: path(), in: 'key', preview: cut(key) });
    },
    value(start, end, path) {
      const value = text(start, end);
      if (!test(value)) return;
      total++;
      if (matches.length < MAX_LISTED) matches.push({ path: path(), in: 'value', preview: cut(value) });
    },
  });
  return { total, matches };
}

/** Past this many byte matches the byte search gives up and every key and value is decoded. */
const MAX_OCCURRENCES = 4_000_000;

/**
 * Byte offsets where an ASCII query occurs, ASCII letters folded for 'plain' (a byte past 0x7f is
 * never part of an ASCII character). Null where the
 * bytes cannot decide: a query with characters JSON escapes or past 0x7e, or too many hits. A
 * string that spells the query with \u escapes is therefore not found by plain or case search.
 */
export function occurrences(bytes: Buffer, query: string, fold: boolean): GrowableOffsets | null {
  if (!/^[\x20-\x7e]+$/.test(query) || /["\\]/.test(query)) return null;
  const found = new GrowableOffsets();
  if (!fold) {
    const needle = Buffer.from(query, 'latin1');
    for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) {
      if (found.length >= MAX_OCCURRENCES) return null;
      found.push(at);
    }
    return found;
  }
  // Folded byte by byte, with no copy: a lower-cased copy of a 200 MB body would be 200 MB more.
  const needle = Buffer.from(query.toLowerCase(), 'latin1');
  const first = needle[0] as number;
  const last = bytes.length - needle.length;
  for (let at = 0; at <= last; at++) {
    let c = bytes[at] as number;
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c !== first) continue;
    let k = 1;
    for (; k < needle.length; k++) {
      let d = bytes[at + k] as number;
      if (d >= 0x41 && d <= 0x5a) d |= 0x20;
      if (d !== needle[k]) break;
    }
    if (k < needle.length) continue;
    if (found.length >= MAX_OCCURRENCES) return null;
    found.push(at);
  }
  return found;
}
