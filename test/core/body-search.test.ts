// `api.body` search and children over the byte scanner, against JSON.parse as the reference:
// for any JSON text (pretty or compact) and any query, the matches are the keys and scalars
// holding the query, in document order, with their paths, whichever way the search went (the
// byte search for plain and case queries, the token walk for regular expressions).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BodySearchMatch, JsonPathSegment } from '../../src-shared/body';
import { BodyIndex } from '../../src-main/core/body/body-index';

function reference(value: unknown, test: (text: string) => boolean): Omit<BodySearchMatch, 'preview'>[] {
  const out: Omit<BodySearchMatch, 'preview'>[] = [];
  const visit = (node: unknown, path: JsonPathSegment[]) => {
    if (Array.isArray(node)) node.forEach((child, n) => visit(child, [...path, n]));
    else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (test(key)) out.push({ path: [...path, key], in: 'key' });
        visit(child, [...path, key]);
      }
    } else if (test(typeof node === 'string' ? node : JSON.stringify(node))) out.push({ path, in: 'value' });
  };
  visit(value, []);
  return out;
}

const json = fc.jsonValue({ maxDepth: 4 }).filter((value) => typeof value === 'object' && value !== null);
const query = fc.oneof(
  fc.constantFrom('a', 'A', 'ab', 'x y', '1', 'true', 'null', ',', '{', ':'),
  fc.string({ minLength: 1, maxLength: 3 }),
);

describe('search over the byte index', () => {
  it('finds what a walk over JSON.parse finds, in plain, case and regex mode', () => {
    fc.assert(
      fc.property(json, query, fc.boolean(), (value, q, pretty) => {
        const bytes = Buffer.from(JSON.stringify(value, null, pretty ? 2 : undefined));
        const index = new BodyIndex(bytes, 'json');
        const modes = [
          ['plain', (text: string) => text.toLowerCase().includes(q.toLowerCase())],
          ['case', (text: string) => text.includes(q)],
          ['regex', (text: string) => new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).test(text)],
        ] as const;
        for (const [mode, test] of modes) {
          const pattern = mode === 'regex' ? q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : q;
          const result = index.search({ handle: 'h', op: 'search', query: pattern, mode, offset: 0, limit: 1000 });
          const expected = reference(JSON.parse(bytes.toString()), test);
          expect(result.total, `${mode} ${JSON.stringify(q)}`).toBe(expected.length);
          expect(result.matches.map(({ path, in: where }) => ({ path, in: where }))).toEqual(expected.slice(0, 1000));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('lists the children JSON.parse sees, at every path', () => {
    fc.assert(
      fc.property(json, fc.boolean(), (value, pretty) => {
        const bytes = Buffer.from(JSON.stringify(value, null, pretty ? 2 : undefined));
        const index = new BodyIndex(bytes, 'json');
        const check = (node: unknown, path: JsonPathSegment[]) => {
          if (node === null || typeof node !== 'object') return;
          const entries = Array.isArray(node) ? node.map((child, n) => [n, child] as const) : Object.entries(node);
          const listed = index.children({ handle: 'h', op: 'children', path, offset: 0, limit: 1000 });
          expect(listed.total).toBe(entries.length);
          expect(listed.children.map((child) => child.key)).toEqual(entries.map(([key]) => key));
          for (const [key, child] of entries) check(child, [...path, key]);
        };
        check(value, []);
      }),
      { numRuns: 200 },
    );
  });
});
