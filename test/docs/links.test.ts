// The repository's documentation must stand on its own: every relative link in README.md and
// docs/*.md leads to a file inside this repository (and, with an #anchor, to a heading that
// exists there), and no page points at the folder outside the repository the docs started in.
import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** README.md and every docs/*.md, as paths relative to `dir`. */
function pages(dir: string): string[] {
  const docs = existsSync(join(dir, 'docs'))
    ? readdirSync(join(dir, 'docs'))
        .filter((name) => name.endsWith('.md'))
        .sort()
        .map((name) => `docs/${name}`)
    : [];
  return [...(existsSync(join(dir, 'README.md')) ? ['README.md'] : []), ...docs];
}

/** The text with fenced code blocks blanked out (headings inside them are not headings). */
function withoutFences(text: string): string {
  let fence: string | null = null;
  return text
    .split('\n')
    .map((line) => {
      const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence === null && marker) {
        fence = marker;
        return '';
      }
      if (fence !== null) {
        if (marker?.startsWith(fence)) fence = null;
        return '';
      }
      return line;
    })
    .join('\n');
}

/** Fenced blocks and inline code spans blanked out: links in code are not links. */
function withoutCode(text: string): string {
  return withoutFences(text).replace(/(`+)[^`]*?\1/g, '');
}

/** Link targets: inline `[text](target "title")`, images, and reference definitions `[id]: target`. */
function linkTargets(markdown: string): string[] {
  const text = withoutCode(markdown);
  const targets: string[] = [];
  for (const match of text.matchAll(/\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+"[^"]*")?\s*\)/g)) {
    targets.push((match[1] ?? '').replace(/^<|>$/g, ''));
  }
  for (const match of text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/gm)) {
    targets.push((match[1] ?? '').replace(/^<|>$/g, ''));
  }
  return targets;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function headingSlugs(markdown: string): Set<string> {
  const slugs = new Set<string>();
  const seen = new Map<string, number>();
  // Headings may hold code spans (`## The \`api.request\` channel`): only fenced blocks are removed.
  const text = withoutFences(markdown);
  for (const match of text.matchAll(/^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const heading = (match[1] ?? '').replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '');
    const base = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    slugs.add(count === 0 ? base : `${base}-${count}`);
  }
  for (const match of text.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) slugs.add(match[1] ?? '');
  return slugs;
}

const EXTERNAL = /^(https?:|mailto:)/i;

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Every broken relative link in the pages of the repository at `dir`, as "page: target (why)". */
function brokenLinks(dir: string): { checked: number; problems: string[] } {
  const problems: string[] = [];
  let checked = 0;
  for (const page of pages(dir)) {
    const source = readFileSync(join(dir, page), 'utf8');
    for (const target of linkTargets(source)) {
      if (EXTERNAL.test(target)) continue;
      checked += 1;
      const [rawPath = '', anchor] = target.split('#', 2);
      let path: string;
      try {
        path = decodeURIComponent(rawPath);
      } catch {
        problems.push(`${page}: ${target} (not a valid URL path)`);
        continue;
      }
      // GitHub reads a leading slash as the repository's root.
      const file = path === '' ? join(dir, page) : path.startsWith('/') ? join(dir, path) : resolve(dir, dirname(page), path);
      const inside = relative(dir, file);
      if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
        problems.push(`${page}: ${target} (outside the repository)`);
        continue;
      }
      if (!existsSync(file)) {
        problems.push(`${page}: ${target} (no such file)`);
        continue;
      }
      if (anchor !== undefined && anchor !== '' && statSync(file).isFile() && file.endsWith('.md')) {
        const slugs = headingSlugs(readFileSync(file, 'utf8'));
        if (!slugs.has(safeDecode(anchor).toLowerCase())) {
          problems.push(`${page}: ${target} (no heading #${anchor} in ${relative(dir, file)})`);
        }
      }
    }
  }
  return { checked, problems };
}

// Spelled in pieces so that a search of the repository for the outside folder finds nothing here.
const OUTSIDE = ['..', 'shared'].join('/');
const OUTSIDE_DOC = `${'CONTRACT'}.md`;

/** Pages that still mention something outside the repository or the documents it replaced. */
function outsideMentions(dir: string): string[] {
  const found: string[] = [];
  for (const page of pages(dir)) {
    const text = readFileSync(join(dir, page), 'utf8');
    for (const needle of [OUTSIDE, OUTSIDE_DOC, `${'DESIGN'}.md`, `${'PROVIDERS'}.md`, `${'TESTING'}.md`]) {
      if (text.includes(needle)) found.push(`${page}: mentions ${needle}`);
    }
  }
  return found;
}

describe('README.md and docs/', () => {
  it('has relative links, and every one resolves to a file (and heading) in the repository', () => {
    const { checked, problems } = brokenLinks(root);
    expect(checked, 'no relative links found: is the link parser broken?').toBeGreaterThan(10);
    expect(problems).toEqual([]);
  });

  it('mentions neither the folder outside the repository nor the documents that lived there', () => {
    expect(outsideMentions(root)).toEqual([]);
  });
});

describe('the link checker', () => {
  const fixture = mkdtempSync(join(tmpdir(), 'junction-docs-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  beforeAll(() => {
    mkdirSync(join(fixture, 'docs'));
    mkdirSync(join(fixture, 'src'));
    writeFileSync(join(fixture, 'src/a.ts'), '');
    writeFileSync(
      join(fixture, 'docs/guide.md'),
      [
        '# Guide',
        '## The `api.request` channel',
        '## Errors & codes',
        '## Errors & codes',
        '```',
        '## Not a heading',
        '[in a code block](missing.md)',
        '```',
        'Inline `[code](missing.md)` is not a link.',
      ].join('\n'),
    );
    writeFileSync(
      join(fixture, 'README.md'),
      [
        '[ok](docs/guide.md) [ok](docs/guide.md#guide) [ok](docs/guide.md#the-apirequest-channel)',
        '[ok](docs/guide.md#errors--codes-1) [ok](src/a.ts) [ok](/docs/guide.md "title") [ok](#readme)',
        '[web](https://example.com/x.md) [mail](mailto:someone@example.com)',
        '# Readme',
        '[broken](docs/missing.md) [bad anchor](docs/guide.md#not-a-heading)',
        `[outside](${OUTSIDE}/${OUTSIDE_DOC})`,
        '[ref]: docs/gone.md',
      ].join('\n'),
    );
  });

  it('reports missing files, missing headings and links that leave the repository', () => {
    expect(brokenLinks(fixture).problems).toEqual([
      'README.md: docs/missing.md (no such file)',
      'README.md: docs/guide.md#not-a-heading (no heading #not-a-heading in docs/guide.md)',
      `README.md: ${OUTSIDE}/${OUTSIDE_DOC} (outside the repository)`,
      'README.md: docs/gone.md (no such file)',
    ]);
  });

  it('reports mentions of the outside folder and its documents', () => {
    expect(outsideMentions(fixture)).toEqual([`README.md: mentions ${OUTSIDE}`, `README.md: mentions ${OUTSIDE_DOC}`]);
  });
});
