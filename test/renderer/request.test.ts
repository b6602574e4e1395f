import { describe, expect, it } from 'vitest';
import { checkBody, redactDraft, type RequestDraft } from '../../src-renderer/lib/request';

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
