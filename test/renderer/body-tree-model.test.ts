// The virtualized tree's row arithmetic: row(i) and indexOf must agree with a plain walk of the
// open containers, whatever is open, or a jump lands on the wrong row.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonPathSegment } from '../../src-shared/body';
import { memorySource } from '../../src-renderer/lib/body-source';
import { TREE_PAGE, TreeModel, type TreeRow } from '../../src-renderer/features/console/viewer/tree-model';

const value = {
  a: Array.from({ length: 450 }, (_, i) => ({ i, tags: ['x', 'y', { z: i }] })),
  b: { c: { d: [1, 2, 3] }, e: null },
  f: 'text',
};

/** What the rows should be: depth and path of every row, walking the open containers. */
function walk(root: unknown, open: Set<string>): { depth: number; path: JsonPathSegment[] }[] {
  const rows: { depth: number; path: JsonPathSegment[] }[] = [{ depth: 0, path: [] }];
  const visit = (node: unknown, path: JsonPathSegment[], depth: number) => {
    const entries: [JsonPathSegment, unknown][] = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node as object);
    for (const [key, child] of entries) {
      const here = [...path, key];
      rows.push({ depth, path: here });
      if (open.has(JSON.stringify(here))) visit(child, here, depth + 1);
    }
  };
  visit(root, [], 1);
  return rows;
}

function pathOf(row: TreeRow): JsonPathSegment[] {
  return row.parent ? [...row.parent.path, row.child?.key as JsonPathSegment] : [];
}

async function settle(tree: TreeModel): Promise<void> {
  for (let i = 0; i < tree.rowCount(); i++) tree.row(i);
  await new Promise((r) => setTimeout(r, 0));
}

const candidates: JsonPathSegment[][] = [
  ['a'],
  ['a', 0],
  ['a', 3],
  ['a', 3, 'tags'],
  ['a', 3, 'tags', 2],
  ['a', 449],
  ['a', 449, 'tags'],
  ['a', 250],
  ['b'],
  ['b', 'c'],
  ['b', 'c', 'd'],
];

describe('Tree rows', () => {
  it('match a plain walk of the open containers, whatever is opened', async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray(candidates), async (chosen) => {
        const tree = new TreeModel(memorySource('json', '', value));
        await tree.init();
        const open = new Set<string>();
        for (const path of chosen) {
          // reveal opens the parents of its target; open the target itself too.
          const index = await tree.reveal(path);
          if (index === null) continue;
          await settle(tree);
          const row = tree.row(index);
          if (!row.node && row.child?.size) tree.toggle(row);
          for (let i = 1; i <= path.length; i++) open.add(JSON.stringify(path.slice(0, i)));
        }
        await settle(tree);
        const expected = walk(value, open);
        expect(tree.rowCount()).toBe(expected.length);
        for (const [i, want] of expected.entries()) {
          const row = tree.row(i);
          expect({ depth: row.depth, path: pathOf(row) }).toEqual(want);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('reads children a page at a time', async () => {
    const reads: number[] = [];
    const source = memorySource('json', '', value);
    const counting = {
      ...source,
      children: (p: JsonPathSegment[], offset: number, limit: number) => (reads.push(limit), source.children(p, offset, limit)),
    };
    const tree = new TreeModel(counting);
    await tree.init();
    await tree.reveal(['a', 449]);
    expect(reads.every((n) => n === TREE_PAGE)).toBe(true);
    expect(reads.length).toBe(2);
  });
});
