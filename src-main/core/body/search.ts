// `api.body` `search` over a whole body: a JSON body's keys and scalar values with their paths, a
// text body's lines. Every match is counted; the first MAX_LISTED are kept for paging through.
import { BODY_PREVIEW_CHARS, type BodyHandle, type BodySearchMatch } from '../../../src-shared/body';
import { CoreError } from '../errors';
import { decodeString } from './json-scan';
import { walkJson } from './json-walk';
import { readSegments } from './lines';
import type { GrowableOffsets } from './offsets';

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
): { total: number; matches: BodySearchMatch[] } {
  const test = matcher(query, mode);
  const matches: BodySearchMatch[] = [];
  let total = 0;
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
