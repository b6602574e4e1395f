import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inUrl, rowsFromUrl, urlPath, urlWithRows } from '../../src-renderer/lib/url-query';
import type { KeyValue } from '../../src-renderer/lib/request';

const row = (key: string, value: string, enabled = true): KeyValue => ({ key, value, enabled });

describe('the URL and the parameter table as one', () => {
  it('reads each pair of the query string as a row, a name given twice as two rows', () => {
    expect(rowsFromUrl('/users/me/messages?labelIds=INBOX&labelIds=UNREAD&maxResults=3#top')).toEqual([
      row('labelIds', 'INBOX'),
      row('labelIds', 'UNREAD'),
      row('maxResults', '3'),
    ]);
    expect(rowsFromUrl('/files?q=name+contains+%27a%27&flag&&x=%E0%A4')).toEqual([
      row('q', "name contains 'a'"),
      row('flag', ''),
      // Text that does not percent-decode stays as typed rather than vanishing.
      row('x', '%E0%A4'),
    ]);
    expect(rowsFromUrl('/me')).toEqual([]);
  });

  it('writes the sent rows into the URL, leaving unticked and unnamed rows in the table only', () => {
    const rows = [row('fields', 'files(id,name)'), row('off', '1', false), row(' ', 'x'), row('q', 'a&b c+d=e')];
    expect(urlWithRows('/files?old=1', rows)).toBe('/files?fields=files(id,name)&q=a%26b%20c%2Bd=e');
    expect(urlWithRows('/files?old=1', [])).toBe('/files');
    expect(urlPath('https://x.test/a?b=1#c')).toBe('https://x.test/a');
  });

  it('gives back the same rows after a trip through the URL, whatever they hold', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.record({ key: text, value: text, enabled: fc.boolean() }), { maxLength: 6 }), (rows) => {
        const sent = rows.filter(inUrl).map((r) => ({ ...r, key: r.key.trim() }));
        expect(rowsFromUrl(urlWithRows('/path', rows))).toEqual(sent);
      }),
    );
  });
});
