// Issue 11, item 10 (headers): header names that are also Object.prototype's (`constructor`,
// `__proto__`, `toString`, …) arrive as sent. Built on a plain `{}`, a `constructor` header was
// joined onto the inherited function's source and `__proto__` was dropped.
import { afterEach, describe, expect, it } from 'vitest';
import { removeAllTempDirs } from '../support/temp-dir';
import { startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

describe('header names shared with Object.prototype', () => {
  it('every response header the API sent arrives, and survives the structured clone IPC makes', async () => {
    h = await startHarness({ kind: 'google' });
    const connection = await h.connect('google_gmail');
    const base = new URL(h.peer.apiBaseUrls.google_gmail ?? '').pathname;
    h.peer.api.route('GET', `${base}/test/odd-headers`, ({ res }) => {
      // Raw pairs, so nothing on the server side interprets the names either.
      res.writeHead(200, [...NAMES.flatMap((name) => [name, `${name}-value`]), 'content-type', 'application/json']);
      res.end('{}');
      return undefined;
    });
    const response = await h.core.invoke('api.request', { connectionId: connection.id, url: '/test/odd-headers' });
    expect(response.status).toBe(200);
    // Names arrive lower-cased (ApiResponse.headers), values as sent.
    const lower = NAMES.map((name) => name.toLowerCase());
    for (const headers of [response.headers, structuredClone(response).headers]) {
      for (const name of NAMES) {
        expect(Object.getOwnPropertyDescriptor(headers, name.toLowerCase())?.value, name).toBe(`${name}-value`);
      }
      expect(Object.keys(headers)).toEqual(expect.arrayContaining(lower));
    }
    expect(response.headers['content-type']).toBe('application/json');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('request headers with those names are sent as given', async () => {
    h = await startHarness({ kind: 'google' });
    const connection = await h.connect('google_gmail');
    const sent = Object.fromEntries(NAMES.filter((name) => name !== '__proto__').map((name) => [name, `${name}-value`]));
    const response = await h.core.invoke('api.request', { connectionId: connection.id, url: '/test/echo', headers: sent });
    const echoed = (response.json as { headers: Record<string, string> }).headers;
    for (const [name, value] of Object.entries(sent)) expect(echoed[name.toLowerCase()], name).toBe(value);
  });
});
