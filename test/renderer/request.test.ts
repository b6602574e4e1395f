import { describe, expect, it } from 'vitest';
import { buildPayload, checkBody, type RequestDraft } from '../../src-renderer/lib/request';

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
  it('sends query rows named like Object.prototype members as plain rows', () => {
    const built = buildPayload(
      {
        ...draft,
        query: [
          { key: 'constructor', value: 'a', enabled: true },
          { key: '__proto__', value: 'b', enabled: true },
          { key: 'toString', value: 'c', enabled: true },
        ],
      },
      'c1',
      'r1',
    );
    if (!built.ok) throw new Error(built.error);
    expect(JSON.parse(JSON.stringify(built.payload.query))).toEqual({ constructor: 'a', ['__proto__']: 'b', toString: 'c' });
  });

  it('checks JSON bodies', () => {
    expect(checkBody('')).toEqual({ ok: true });
    expect(checkBody('[1]')).toEqual({ ok: true, value: [1] });
    expect(checkBody('{').ok).toBe(false);
  });
});
