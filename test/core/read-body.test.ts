// decodeBody on its own: which answers reach the window as text, which as base64, and which are
// parsed as JSON. A wrong call here corrupts an image on its way over IPC or shows JSON as a blob.
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody, readBody } from '../../src-main/core/proxy/read-body';
import { Transport } from '../../src-main/core/proxy/transport';
import { closeServer, listenOnLoopback } from '../support/http-utils';

const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe]);

describe('decodeBody', () => {
  it.each([
    'text/plain',
    'text/html; charset=utf-8',
    'TEXT/CSV',
    'application/xml',
    'application/javascript',
    'application/x-www-form-urlencoded',
    'application/problem+json',
    'application/ld+json',
    'image/svg+xml',
    'application/atom+xml; charset=utf-8',
  ])('keeps %s as UTF-8 text, not parsed', (type) => {
    expect(decodeBody(bytes('<a>ü</a>'), type, false)).toEqual({ body: '<a>ü</a>', bodyEncoding: 'utf8' });
  });

  it.each(['image/png', 'application/octet-stream', 'application/pdf', 'audio/mpeg', 'x-text/plain', 'application/x-json-ish'])(
    'sends %s as base64, even when its bytes happen to be UTF-8',
    (type) => {
      expect(decodeBody(bytes('plain words'), type, false)).toEqual({
        body: Buffer.from('plain words').toString('base64'),
        bodyEncoding: 'base64',
      });
    },
  );

  it.each([
    ['application/json', '{"a":[1,2]}', { a: [1, 2] }],
    ['application/json; charset=utf-8', '[1]', [1]],
    ['Application/JSON', '{"b":true}', { b: true }],
    ['application/vnd.api+json', '{"data":null}', { data: null }],
    ['application/problem+json', '{"title":"x"}', { title: 'x' }],
    ['text/json', '"s"', 's'],
    [undefined, '  {"sniffed":1}', { sniffed: 1 }],
    ['', '\n[2]', [2]],
    ['', '[3]', [3]],
  ])('parses %s as JSON', (type, text, json) => {
    expect(decodeBody(bytes(text), type, false)).toEqual({ body: text, bodyEncoding: 'utf8', json });
  });

  it.each([
    ['text/plain', '{"not":"parsed"}'],
    ['application/xml', '[1]'],
    [undefined, 'x{"a":1}'],
    // Valid JSON, but it does not start with [ or {: without a type only those are taken for JSON.
    [undefined, '"a[b]"'],
    // "json" elsewhere in the type is not a JSON type.
    ['text/plain; profile=application/json', '{"a":1}'],
    ['text/html; note=text/json', '{"a":1}'],
    ['application/json', '{"broken":'],
    ['application/json', ''],
  ])('does not parse %s %j', (type, text) => {
    expect(decodeBody(bytes(text), type, false)).toEqual({ body: text, bodyEncoding: 'utf8' });
  });

  it('does not parse a truncated JSON body, and shows it as text', () => {
    expect(decodeBody(bytes('{"a":1}'), 'application/json', true)).toEqual({ body: '{"a":1}', bodyEncoding: 'utf8' });
    expect(decodeBody(bytes('{"a":1}'), undefined, true)).toEqual({ body: '{"a":1}', bodyEncoding: 'utf8' });
  });

  it('sends bytes that are not UTF-8 as base64, without a type too', () => {
    for (const type of [undefined, '', 'text/plain']) {
      expect(decodeBody(PNG, type, false), String(type)).toEqual({ body: Buffer.from(PNG).toString('base64'), bodyEncoding: 'base64' });
    }
  });

  it('keeps a text body cut inside a character as text, with a replacement character', () => {
    const cut = Buffer.from('Grüße').subarray(0, 3);
    expect(decodeBody(new Uint8Array(cut), 'text/plain', true)).toEqual({ body: 'Gr\uFFFD', bodyEncoding: 'utf8' });
    expect(decodeBody(new Uint8Array(cut), 'text/plain', false)).toEqual({ body: cut.toString('base64'), bodyEncoding: 'base64' });
  });

  it('reads only the view it is given, not the rest of the buffer under it', () => {
    const whole = Buffer.from('xx{"a":1}yy');
    const view = new Uint8Array(whole.buffer, whole.byteOffset + 2, 7);
    expect(decodeBody(view, 'application/json', false)).toEqual({ body: '{"a":1}', bodyEncoding: 'utf8', json: { a: 1 } });
    const under = Buffer.concat([Buffer.from('ab'), Buffer.from(PNG)]);
    const binary = new Uint8Array(under.buffer, under.byteOffset, 2);
    expect(decodeBody(binary, 'image/png', false).body).toBe(Buffer.from('ab').toString('base64'));
  });
});

// readBody through the proxy's real HTTP client, from a loopback server writing a body in pieces
// with a pause between them, so it arrives as many chunks: every byte must land in its place.
describe('readBody', () => {
  const pattern = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + (i >> 8)) % 251));
  let server: Server;
  let base: string;
  const transport = new Transport();
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = pattern(Number(url.searchParams.get('n')));
      if (url.searchParams.has('gzip')) {
        // A small compressed body that grows past the cap: its declared length says nothing of that.
        const zipped = gzipSync(body);
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip', 'content-length': zipped.length });
        return void res.end(zipped);
      }
      // A declared length (a server that says it up front) instead of chunked transfer.
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        ...(url.searchParams.has('length') ? { 'content-length': body.length } : {}),
      });
      for (let at = 0; at < body.length; at += 4096) {
        res.write(body.subarray(at, at + 4096));
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      res.end();
    });
    base = await listenOnLoopback(server);
  });
  afterAll(async () => {
    await transport.destroy();
    await closeServer(server);
  });
  const fetchBody = async (n: number, max: number, how: '' | '&length' | '&gzip' = '') => {
    const response = await transport.send(new URL(`${base}/?n=${n}${how}`), {
      method: 'GET',
      headers: {},
      body: undefined,
      signal: new AbortController().signal,
    });
    return readBody(response, max);
  };

  it('puts together a body that came in many chunks, byte for byte', async () => {
    const read = await fetchBody(50_000, 100_000);
    expect(read.truncated).toBe(false);
    expect(Buffer.from(read.bytes).equals(pattern(50_000))).toBe(true);
  });

  it('keeps exactly the first max bytes of a longer one, cut inside a chunk', async () => {
    const read = await fetchBody(50_000, 30_001);
    expect(read.truncated).toBe(true);
    expect(Buffer.from(read.bytes).equals(pattern(30_001))).toBe(true);
  });

  // The cap's edge, streamed: exactly max bytes is the whole body, one more is cut to max.
  it.each([
    ['chunked', ''],
    ['with a declared length', '&length'],
    ['gzip-compressed', '&gzip'],
  ] as const)('%s: exactly max bytes is whole; max + 1 is cut to max and marked truncated', async (_, how) => {
    const whole = await fetchBody(30_000, 30_000, how);
    expect(whole.truncated).toBe(false);
    expect(Buffer.from(whole.bytes).equals(pattern(30_000))).toBe(true);
    const over = await fetchBody(30_001, 30_000, how);
    expect(over.truncated).toBe(true);
    expect(Buffer.from(over.bytes).equals(pattern(30_000))).toBe(true);
  });

  it('a small compressed body, unpacked in one piece, is read whole', async () => {
    const read = await fetchBody(100, 30_000, '&gzip');
    expect(read.truncated).toBe(false);
    expect(Buffer.from(read.bytes).equals(pattern(100))).toBe(true);
  });

  it('a declared length over the cap is not read whole: the body is cut at max', async () => {
    const read = await fetchBody(50_000, 20_000, '&length');
    expect(read.truncated).toBe(true);
    expect(Buffer.from(read.bytes).equals(pattern(20_000))).toBe(true);
  });

  it('a compressed body small on the wire but over the cap unpacked is cut at max', async () => {
    // 200 KB of the pattern compresses to far less than the 20 KB cap.
    const read = await fetchBody(200_000, 20_000, '&gzip');
    expect(read.truncated).toBe(true);
    expect(read.bytes.byteLength).toBe(20_000);
    expect(Buffer.from(read.bytes).equals(pattern(20_000))).toBe(true);
  });
});
