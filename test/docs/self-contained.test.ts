// The repository stands alone: no file points into the folder beside it or at the tracker's issue
// numbers, which mean nothing to someone who clones it. Patterns are spelled in pieces so this
// file does not match itself.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const OUTSIDE = ['\\.\\.', 'shared'].join('/');
const ISSUE = ['issue', '[0-9]'].join(' ');

function grep(pattern: string): string[] {
  try {
    return execFileSync('git', ['grep', '-n', '-I', '-E', pattern], { cwd: root, encoding: 'utf8' }).trim().split('\n');
  } catch (error) {
    // git grep exits 1 when nothing matches.
    if ((error as { status?: number }).status === 1) return [];
    throw error;
  }
}

describe('the repository stands alone', () => {
  it('names neither the folder beside it nor issue numbers', () => {
    expect(grep(`${OUTSIDE}|${ISSUE}`)).toEqual([]);
  });

  it('searches a real checkout (an empty answer is not a broken search)', () => {
    expect(grep(['export async function', 'createCore'].join(' ')).length).toBe(1);
  });
});
