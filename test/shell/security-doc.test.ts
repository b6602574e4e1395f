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

  it('points every file:line reference at a line that still holds what its row talks about', () => {
    const rows = doc.split('\n').filter((line) => /^\| \d+ \|/.test(line));
    let checked = 0;
    for (const row of rows) {
      const references = [...row.matchAll(/`((?:src-main|src-preload|electron-builder)[\w./-]*):(\d+)(?:-(\d+))?`/g)];
      // The row's code words (`sandbox: true` → sandbox, true): one of them must be on the line.
      const words = new Set(
        [...row.matchAll(/`([^`]+)`/g)]
          .map((match) => match[1] ?? '')
          .filter((code) => !/^(src-main|src-preload|test|electron-builder)/.test(code))
          .flatMap((code) => code.match(/[A-Za-z][\w-]{3,}/g) ?? []),
      );
      for (const [, file = '', start = '0', end] of references) {
        const path = join(root, file);
        expect(existsSync(path), file).toBe(true);
        const lines = readFileSync(path, 'utf8').split('\n');
        const text = lines.slice(Number(start) - 1, Number(end ?? start)).join('\n');
        expect(text.trim(), `${file}:${start} is past the end or blank`).not.toBe('');
        expect(
          [...words].some((word) => text.toLowerCase().includes(word.toLowerCase())),
          `${file}:${start}${end ? `-${end}` : ''} no longer holds any of: ${[...words].join(', ')}`,
        ).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('names test files that exist', () => {
    for (const [, file = ''] of doc.matchAll(/`(test\/[\w/.-]+\.test\.ts)`/g)) expect(existsSync(join(root, file)), file).toBe(true);
  });

  it('names, in its threat model, test files that exist and hold the quoted test names', () => {
    const model = doc.slice(doc.indexOf('## Threat model'));
    const rows = model.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Input') && !line.startsWith('|---'));
    expect(rows.length).toBeGreaterThanOrEqual(10);
    let checked = 0;
    for (const row of rows) {
      const proof = row.split(' | ').at(-1) ?? '';
      // `test/…` "name"; "name": each file in the cell, then the names quoted after it.
      for (const part of proof.split(/;\s*(?=`)/)) {
        const file = /`(test\/[\w./-]+)`/.exec(part)?.[1];
        expect(file, `a proof without a test file: ${part}`).toBeDefined();
        const source = readFileSync(join(root, file ?? ''), 'utf8');
        const names = [...part.matchAll(/"([^"]+)"/g)].map((match) => match[1] ?? '');
        expect(names.length, `${file}: no test name quoted`).toBeGreaterThan(0);
        for (const name of names) {
          expect(source.includes(name), `${file} has no test named "${name}"`).toBe(true);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(rows.length);
  });
});
