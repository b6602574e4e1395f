// One way for the viewer to read an answer's body, whether the window holds all of it (a small
// answer: `ApiResponse.json` and `body`) or the main process keeps it (`bodyHandle.partial`: read
// piece by piece over `api.body`). The viewer's tree, raw lines, search and filter take a
// BodySource and never ask which kind it is.
import {
  BODY_LINE_CHARS,
  BODY_PREVIEW_CHARS,
  type BodySearchMatch,
  type JsonChild,
  type JsonNodeType,
  type JsonPathSegment,
} from '../../src-shared/body';
import type { ApiResponse } from '../../src-shared/types';
import { api } from '../api/client';

export type SearchMode = 'plain' | 'case' | 'regex';

export interface ChildrenPage {
  type: JsonNodeType;
  total: number;
  children: JsonChild[];
}

export interface BodySource {
  kind: 'json' | 'text' | 'binary';
  children(path: JsonPathSegment[], offset: number, limit: number): Promise<ChildrenPage>;
  lines(start: number, count: number): Promise<{ lines: string[]; totalLines: number }>;
  search(query: string, mode: SearchMode, offset: number, limit: number): Promise<{ total: number; matches: BodySearchMatch[] }>;
  filter(expression: string): Promise<{ count: number; json: string; truncated: boolean }>;
}

/** A body-level error the window shows as it is (same shape as the core's coded errors). */
function inputError(message: string): Error {
  return Object.assign(new Error(message), { code: 'invalid_input' });
}

export function typeOf(value: unknown): JsonNodeType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'object':
      return 'object';
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'null';
  }
}

function cut(text: string): string {
  return text.length > BODY_PREVIEW_CHARS ? `${text.slice(0, BODY_PREVIEW_CHARS - 1)}…` : text;
}

function describe(value: unknown): JsonChild['preview'] {
  if (Array.isArray(value)) return `${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  if (value !== null && typeof value === 'object') {
    const n = Object.keys(value).length;
    return `${n} ${n === 1 ? 'key' : 'keys'}`;
  }
  return cut(JSON.stringify(value) ?? 'null');
}

function child(key: JsonPathSegment, value: unknown): JsonChild {
  const type = typeOf(value);
  const entry: JsonChild = { key, type, preview: describe(value) };
  if (type === 'array') entry.size = (value as unknown[]).length;
  if (type === 'object') entry.size = Object.keys(value as object).length;
  return entry;
}

function at(root: unknown, path: JsonPathSegment[]): unknown {
  let node = root;
  for (const step of path) {
    if (node === null || typeof node !== 'object') throw inputError(`Nothing at ${path.join('.')}.`);
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

/** Splits text into lines, a line longer than BODY_LINE_CHARS in several pieces, as `api.body` does. */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.length <= BODY_LINE_CHARS) out.push(line);
    else for (let i = 0; i < line.length; i += BODY_LINE_CHARS) out.push(line.slice(i, i + BODY_LINE_CHARS));
  }
  return out;
}

/** A test for a key or value: plain ignores case, case matches it, regex is a JavaScript RegExp. */
export function matcher(query: string, mode: SearchMode): (text: string) => boolean {
  if (mode === 'regex') {
    let re: RegExp;
    try {
      re = new RegExp(query);
    } catch (error) {
      throw inputError(`That regular expression does not parse: ${(error as Error).message}.`);
    }
    return (text) => re.test(text);
  }
  if (mode === 'case') return (text) => text.includes(query);
  const lower = query.toLowerCase();
  return (text) => text.toLowerCase().includes(lower);
}

function searchJson(root: unknown, test: (text: string) => boolean): BodySearchMatch[] {
  const matches: BodySearchMatch[] = [];
  const walk = (value: unknown, path: JsonPathSegment[]) => {
    if (value !== null && typeof value === 'object') {
      const entries: [JsonPathSegment, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
      for (const [key, v] of entries) {
        const here = [...path, key];
        if (typeof key === 'string' && test(key)) matches.push({ path: here, in: 'key', preview: cut(key) });
        walk(v, here);
      }
      return;
    }
    const text = typeof value === 'string' ? value : String(value);
    if (test(text)) matches.push({ path, in: 'value', preview: cut(text) });
  };
  walk(root, []);
  return matches;
}

/** A body the window holds whole. `remote` (the kept body, when there is one) answers filters. */
export function memorySource(kind: BodySource['kind'], text: string, json: unknown, remote?: BodySource): BodySource {
  let lines: string[] | null = null;
  const allLines = () => (lines ??= splitLines(text || (kind === 'json' ? JSON.stringify(json, null, 2) : '')));
  let cache: { key: string; matches: BodySearchMatch[] } | null = null;
  return {
    kind,
    async children(path, offset, limit) {
      const node = at(json, path);
      const type = typeOf(node);
      if (type === 'array') {
        const items = node as unknown[];
        return { type, total: items.length, children: items.slice(offset, offset + limit).map((v, i) => child(offset + i, v)) };
      }
      if (type === 'object') {
        const keys = Object.keys(node as object);
        const page = keys.slice(offset, offset + limit).map((k) => child(k, (node as Record<string, unknown>)[k]));
        return { type, total: keys.length, children: page };
      }
      return { type, total: 0, children: [] };
    },
    async lines(start, count) {
      const all = allLines();
      return { lines: all.slice(start, start + count), totalLines: all.length };
    },
    async search(query, mode, offset, limit) {
      const key = `${mode}\u0000${query}`;
      if (cache?.key !== key) {
        const test = matcher(query, mode);
        const matches =
          kind === 'json'
            ? searchJson(json, test)
            : allLines().flatMap((line, i): BodySearchMatch[] =>
                test(line) ? [{ path: [], in: 'value', line: i, preview: cut(line) }] : [],
              );
        cache = { key, matches };
      }
      return { total: cache.matches.length, matches: cache.matches.slice(offset, offset + limit) };
    },
    async filter(expression) {
      if (!remote) throw inputError('This answer is no longer kept, so it cannot be filtered. Send the request again.');
      return remote.filter(expression);
    },
  };
}

/** A body the main process keeps: every read is one `api.body` call. */
export function remoteSource(kind: BodySource['kind'], handle: string): BodySource {
  const body = api()['api.body'];
  return {
    kind,
    async children(path, offset, limit) {
      const r = await body({ handle, op: 'children', path, offset, limit });
      if (r.op !== 'children') throw new Error('api.body answered another op.');
      return { type: r.type, total: r.total, children: r.children };
    },
    async lines(start, count) {
      const r = await body({ handle, op: 'lines', start, count });
      if (r.op !== 'lines') throw new Error('api.body answered another op.');
      return { lines: r.lines, totalLines: r.totalLines };
    },
    async search(query, mode, offset, limit) {
      const r = await body({ handle, op: 'search', query, mode, offset, limit });
      if (r.op !== 'search') throw new Error('api.body answered another op.');
      return { total: r.total, matches: r.matches };
    },
    async filter(expression) {
      const r = await body({ handle, op: 'filter', expression });
      if (r.op !== 'filter') throw new Error('api.body answered another op.');
      return { count: r.count, json: r.json, truncated: r.truncated };
    },
  };
}

/** What a response's body is, and how to read it. */
export function bodySourceFor(response: ApiResponse): BodySource {
  const handle = response.bodyHandle;
  if (handle?.partial) return remoteSource(handle.kind, handle.id);
  const remote = handle ? remoteSource(handle.kind, handle.id) : undefined;
  if (response.bodyEncoding === 'base64') return memorySource('binary', '', undefined, remote);
  const json = response.json !== undefined ? response.json : tryParse(response);
  if (json !== undefined) return memorySource('json', response.body, json, remote);
  return memorySource('text', response.body, undefined, remote);
}

function tryParse(response: ApiResponse): unknown {
  const type = Object.entries(response.headers).find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? '';
  const looksJson = /json/i.test(type) || /^\s*[[{]/.test(response.body.slice(0, 64));
  if (!looksJson || response.truncated) return undefined;
  try {
    return JSON.parse(response.body);
  } catch {
    return undefined;
  }
}
