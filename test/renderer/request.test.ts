import { describe, expect, it } from 'vitest';
import { checkBody, redactDraft, resolveUrl, toCurl, type RequestDraft } from '../../src-renderer/lib/request';

const draft: RequestDraft = {
  method: 'POST',
  url: '/calendars/primary/events',
  query: [
    { key: 'sendUpdates', value: 'all', enabled: true },
    { key: 'off', value: 'x', enabled: false },
  ],
  headers: [
    { key: 'Authorization', value: 'Bearer abc', enabled: true },
    { key: 'X-Note', value: "it's", enabled: true },
  ],
  body: '{"summary":"Hi"}',
};

describe('request helpers', () => {
  it('resolves relative URLs without dropping the base path', () => {
    expect(resolveUrl('https://www.googleapis.com/calendar/v3', '/users/me/calendarList')).toBe(
      'https://www.googleapis.com/calendar/v3/users/me/calendarList',
    );
    expect(resolveUrl('https://api.spotify.com/v1/', 'me')).toBe('https://api.spotify.com/v1/me');
    expect(resolveUrl('https://api.spotify.com/v1', 'https://api.spotify.com/v1/me?x=1', [{ key: 'y', value: '2 3', enabled: true }])).toBe(
      'https://api.spotify.com/v1/me?x=1&y=2+3',
    );
  });

  it('writes curl with $TOKEN, never a typed credential', () => {
    const curl = toCurl(draft, 'https://www.googleapis.com/calendar/v3');
    expect(curl).toContain(`curl -X POST 'https://www.googleapis.com/calendar/v3/calendars/primary/events?sendUpdates=all'`);
    expect(curl).toContain('-H "Authorization: Bearer $TOKEN"');
    expect(curl).not.toContain('Bearer abc');
    expect(curl).toContain(`-H 'X-Note: it'\\''s'`);
    expect(curl).toContain(`--data-raw '{"summary":"Hi"}'`);
    expect(curl).toContain(`-H 'Content-Type: application/json'`);
  });

  it('redacts credentials for history', () => {
    const safe = redactDraft({ ...draft, query: [{ key: 'access_token', value: 'tok', enabled: true }] });
    expect(JSON.stringify(safe)).not.toMatch(/Bearer abc|"tok"/);
  });

  it('checks JSON bodies', () => {
    expect(checkBody('')).toEqual({ ok: true });
    expect(checkBody('[1]')).toEqual({ ok: true, value: [1] });
    expect(checkBody('{').ok).toBe(false);
  });
});
