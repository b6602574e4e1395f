// The window's stand-in for Node's legacy `url` (src-renderer/lib/snippets/legacy-url.ts) answers
// as Node does for every URL Copy as… hands it (absolute, WHATWG-normalized, no query). The
// renderer's bundle and its tests resolve `url` to it (RENDERER_ALIASES in electron.vite.config.ts).
import * as nodeUrl from 'node:url';
import { describe, expect, it } from 'vitest';
import { format, parse } from '../../src-renderer/lib/snippets/legacy-url';

const URLS = [
  'https://gmail.googleapis.com/gmail/v1/users/me/profile',
  'https://www.googleapis.com/drive/v3/files',
  'http://127.0.0.1:4000/gmail/v1/files/%7Ba,b%7D/x[1]',
  'https://docs.googleapis.com/v1/documents/DOC:batchUpdate',
  'https://api.spotify.com/v1/me/player/play',
  'http://[::1]:8080/a/b%27c',
];

describe('the legacy url stand-in', () => {
  it.each(URLS)('%s: parse and format answer as Node does', (url) => {
    const node = nodeUrl.parse(url, true, true);
    const ours = parse(url, true);
    for (const key of ['protocol', 'host', 'hostname', 'port', 'pathname', 'search', 'hash', 'path', 'href'] as const) {
      expect(ours[key], key).toEqual(node[key]);
    }
    expect(ours.query).toEqual({ ...node.query });
    expect(format({ ...ours, query: null, search: null })).toBe(nodeUrl.format({ ...node, query: null, search: null }));
    const search = 'a=1&b=%27';
    expect(format({ ...ours, search, path: `${ours.pathname}?${search}` })).toBe(
      // Node's format reads `search` before `query`, and ignores `path`: as httpsnippet passes it.
      nodeUrl.format({ ...node, query: { a: '1' }, search }),
    );
  });
});
