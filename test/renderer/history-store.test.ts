import { beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_KEY, HISTORY_LIMIT, useHistory, type HistoryEntry } from '../../src-renderer/stores/history';

function entry(i: number): Omit<HistoryEntry, 'id'> {
  return {
    at: i,
    connectionId: 'c1',
    service: 'spotify',
    account: 'ada@example.com',
    apiBaseUrl: 'https://api.spotify.com/v1',
    request: {
      method: 'GET',
      url: `/me?n=${i}`,
      query: [{ key: 'access_token', value: 'query-secret', enabled: true }],
      headers: [{ key: 'authorization', value: 'Bearer header-secret', enabled: true }],
      body: '',
    },
    outcome: { kind: 'response', status: 200, statusText: 'OK', durationMs: 1, sizeBytes: 2 },
  };
}

beforeEach(() => {
  localStorage.clear();
  useHistory.setState({ entries: [] });
});

describe('history store', () => {
  it('keeps the newest 200, newest first, in localStorage, without credentials', () => {
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) useHistory.getState().add(entry(i));
    const { entries } = useHistory.getState();
    expect(entries).toHaveLength(HISTORY_LIMIT);
    expect(entries[0]?.request.url).toBe(`/me?n=${HISTORY_LIMIT + 4}`);
    const stored = localStorage.getItem(HISTORY_KEY) ?? '';
    expect(JSON.parse(stored)).toHaveLength(HISTORY_LIMIT);
    expect(stored).not.toContain('secret');
    expect(entries[0]?.request.headers[0]?.value).toBe('[redacted]');
  });

  it('clears', () => {
    useHistory.getState().add(entry(1));
    useHistory.getState().clear();
    expect(useHistory.getState().entries).toEqual([]);
    expect(localStorage.getItem(HISTORY_KEY)).toBe('[]');
  });
});
