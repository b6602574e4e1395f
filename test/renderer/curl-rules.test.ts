// The pieces of "Copy as curl" one by one (curl.test.ts checks whole commands): quoting, comments,
// which header rows are sent, which bodies, and the notes on what was left out. Outputs exact.
import { describe, expect, it } from 'vitest';
import { bodyLines, comment, headerLines, headerNotes, shellQuote, toCurl } from '../../src-renderer/lib/curl';
import { emptyDraft, type KeyValue, type RequestDraft } from '../../src-renderer/lib/request';
import type { TargetService } from '../../src-renderer/lib/target';

const GMAIL: TargetService = { apiBaseUrl: 'https://gmail.googleapis.com/gmail/v1', allowedOrigins: ['https://gmail.googleapis.com'] };
const row = (key: string, value: string, enabled = true): KeyValue => ({ key, value, enabled });
const draft = (patch: Partial<RequestDraft>): RequestDraft => ({ ...emptyDraft(), ...patch });

describe('copy as curl, piece by piece', () => {
  it('quotes one shell word: a NUL dropped, a quote closed, escaped and reopened', () => {
    expect(shellQuote("a\0b'c")).toBe(`'ab'\\''c'`);
    expect(shellQuote('')).toBe(`''`);
  });

  it('keeps a comment on one line: control characters become ?', () => {
    expect(comment('a\nb\rc\u2028d\x7f')).toBe('# a?b?c?d?');
  });

  it('sends the enabled header rows with a name, trimmed, merged case-insensitively; an empty value as Name;', () => {
    const { lines, names, own, invalid } = headerLines([
      row('  X-A  ', ' 1 '),
      row('x-a', '2'),
      row('X-Off', 'no', false),
      row('   ', 'nameless'),
      row('X-Empty', ''),
      row('authorization', 'Bearer typed'),
      row('Bad Name', 'v'),
      row('X-Line', 'a\nb'),
    ]);
    expect(lines).toEqual([`-H 'X-A: 1, 2'`, `-H 'X-Empty;'`]);
    expect([...names]).toEqual(['x-a', 'x-empty']);
    expect(own).toEqual(['authorization']);
    expect(invalid).toEqual(['a header with an invalid name', 'X-Line']);
  });

  it('notes what was left out, each kind once', () => {
    expect(headerNotes({ own: ['Authorization', 'Authorization', 'Host'], invalid: [] })).toEqual([
      '# Left out, as Junction sets them itself: Authorization, Host.',
    ]);
    expect(headerNotes({ own: [], invalid: ['X-Line', 'X-Tab'] })).toEqual([
      '# Left out, as Junction would refuse them (a line break or other control character): X-Line, X-Tab.',
    ]);
    expect(headerNotes({ own: [], invalid: [] })).toEqual([]);
  });

  it('sends a body only with a method that has one and only when it is not blank; JSON compact, a JSON string as text', () => {
    const none = new Set<string>();
    expect(bodyLines(draft({ method: 'GET', body: '{"a":1}' }), none)).toEqual([]);
    expect(bodyLines(draft({ method: 'POST', body: '  \n ' }), none)).toEqual([]);
    expect(bodyLines(draft({ method: 'POST', body: '{ "a": 1 }' }), none)).toEqual([
      `-H 'Content-Type: application/json'`,
      `--data-raw '{"a":1}'`,
    ]);
    expect(bodyLines(draft({ method: 'PUT', body: '"hi"' }), none)).toEqual([
      `-H 'Content-Type: text/plain;charset=UTF-8'`,
      `--data-raw 'hi'`,
    ]);
    expect(bodyLines(draft({ method: 'PATCH', body: '[1]' }), new Set(['content-type']))).toEqual([`--data-raw '[1]'`]);
    // Not JSON: copied as typed, so the person can fix it in the command.
    expect(bodyLines(draft({ method: 'POST', body: '{oops' }), none)).toEqual([
      `-H 'Content-Type: application/json'`,
      `--data-raw '{oops'`,
    ]);
  });

  it('a URL the core would refuse gets no Authorization header, and says why', () => {
    const curl = toCurl(draft({ method: 'GET', url: 'https://evil.example/x' }), GMAIL);
    expect(curl).not.toContain('Bearer $GOOGLE_TOKEN');
    expect(curl.split('\n').slice(1)).toEqual([`curl --globoff -X GET 'https://evil.example/x'`]);
    expect(curl.split('\n')[0]).toMatch(/^# Junction would refuse this URL: .+\. So there is no Authorization header here\.$/);
    expect(toCurl(draft({ method: 'GET', url: '/users/me/profile' }), GMAIL)).toBe(
      `curl --globoff -X GET 'https://gmail.googleapis.com/gmail/v1/users/me/profile' \\\n  -H "Authorization: Bearer $GOOGLE_TOKEN"`,
    );
  });
});
