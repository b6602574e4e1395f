// The console's request helpers at their edges: how rows become the payload. Plain functions, no
// React. (History redaction and the curl line live in lib/redact.ts and lib/curl.ts.)
import { describe, expect, it } from 'vitest';
import { buildPayload, emptyDraft, headerRecord, queryRecord } from '../../src-renderer/lib/request';

const row = (key: string, value: string, enabled = true) => ({ key, value, enabled });

describe('rows and payload', () => {
  it('turns enabled, named query rows into a record, repeated names into lists', () => {
    expect(queryRecord([row(' a ', '1'), row('a', '2'), row('a', '3'), row('b', 'x', false), row('  ', 'y'), row('c', '')])).toEqual({
      a: ['1', '2', '3'],
      c: '',
    });
    expect(headerRecord([row(' X-A ', '1'), row('X-B', '2', false), row('', '3')])).toEqual({ 'X-A': '1' });
  });

  it('starts from an empty GET draft, and takes a blank body as none', () => {
    expect(emptyDraft()).toEqual({ method: 'GET', url: '', query: [], headers: [], body: '' });
    const blank = buildPayload({ ...emptyDraft(), method: 'POST', url: '/x', body: '  \n ' }, 'c1', 'r1');
    expect(blank.ok && Object.keys(blank.payload)).toEqual(['connectionId', 'method', 'url', 'requestId']);
  });

  it('builds the payload with only what is there, and says what is wrong otherwise', () => {
    expect(buildPayload({ ...emptyDraft(), url: ' /me ' }, 'c1', 'r1')).toEqual({
      ok: true,
      payload: { connectionId: 'c1', method: 'GET', url: '/me', requestId: 'r1' },
    });
    expect(
      buildPayload({ method: 'POST', url: '/x', query: [row('q', '1')], headers: [row('X-A', 'b')], body: '{"a":1}' }, 'c1', 'r1'),
    ).toEqual({
      ok: true,
      payload: {
        connectionId: 'c1',
        method: 'POST',
        url: '/x',
        requestId: 'r1',
        query: { q: '1' },
        headers: { 'X-A': 'b' },
        body: { a: 1 },
      },
    });
    expect(buildPayload({ ...emptyDraft(), method: 'GET', url: '/x', body: '{broken' }, 'c1', 'r1').ok).toBe(true);
    expect(buildPayload({ ...emptyDraft(), method: 'POST', url: '/x', body: '{broken' }, 'c1', 'r1')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^The body is not valid JSON: /),
    });
    expect(buildPayload({ ...emptyDraft(), url: '   ' }, 'c1', 'r1')).toEqual({
      ok: false,
      error: 'Enter a URL, relative to the API base or absolute.',
    });
    expect(buildPayload({ ...emptyDraft(), url: '/a b' }, 'c1', 'r1')).toEqual({
      ok: false,
      error: 'The URL must not contain spaces; put parameters in the Query rows.',
    });
  });
});
