// `npm run lint` checks formatting: the script runs Prettier's check, and Prettier with the
// repository's settings refuses an unformatted file (so the check can fail) and accepts its own output.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

describe('formatting', () => {
  it('is part of npm run lint', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['lint']).toMatch(/prettier --check \./);
    expect(pkg.scripts['format']).toMatch(/prettier --write \./);
  });

  it('refuses an unformatted file and accepts the formatted one', async () => {
    const file = join(root, 'src-main/core/probe.ts');
    const options = { ...(await prettier.resolveConfig(file)), filepath: file };
    const messy = 'export const x = {a:1,\n    b : "two"}\n';
    expect(await prettier.check(messy, options)).toBe(false);
    expect(await prettier.check(await prettier.format(messy, options), options)).toBe(true);
    // The repository's own settings are the ones in use (single quotes, width 140).
    expect(await prettier.format(messy, options)).toBe("export const x = { a: 1, b: 'two' };\n");
  });
});
