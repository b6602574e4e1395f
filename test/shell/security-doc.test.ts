// docs/security.md must keep covering all 20 checklist items, and its file:line references must
// still point into existing files, so the map cannot silently rot as the code moves.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const doc = readFileSync(join(root, 'docs/security.md'), 'utf8');

describe('docs/security.md', () => {
  it('has one row for each of the 20 checklist items, in order', () => {
    const numbers = [...doc.matchAll(/^\| (\d+) \|/gm)].map((match) => Number(match[1]));
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('points every file:line reference at a line that exists', () => {
    const references = [...doc.matchAll(/`((?:src-main|src-preload|test|electron-builder)[\w./-]*):(\d+)(?:-(\d+))?`/g)];
    expect(references.length).toBeGreaterThan(20);
    for (const [, file = '', start = '0', end] of references) {
      const path = join(root, file);
      expect(existsSync(path), file).toBe(true);
      const lines = readFileSync(path, 'utf8').split('\n').length;
      expect(Number(end ?? start), `${file}:${start}`).toBeLessThanOrEqual(lines);
    }
  });

  it('names test files that exist', () => {
    for (const [, file = ''] of doc.matchAll(/`(test\/[\w/.-]+\.test\.ts)`/g)) expect(existsSync(join(root, file)), file).toBe(true);
  });
});
