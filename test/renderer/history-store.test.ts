import { beforeEach, describe, expect, it, vi } from 'vitest';
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

  it('restores what Clear removed after anything added since, and stores it again', () => {
    useHistory.getState().add(entry(1));
    useHistory.getState().add(entry(2));
    const removed = useHistory.getState().clear();
    expect(removed.map((e) => e.request.url)).toEqual(['/me?n=2', '/me?n=1']);
    useHistory.getState().add(entry(3));
    useHistory.getState().restore(removed);
    useHistory.getState().restore(removed);
    expect(useHistory.getState().entries.map((e) => e.request.url)).toEqual(['/me?n=3', '/me?n=2', '/me?n=1']);
    expect((JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]') as unknown[]).length).toBe(3);
  });

  it("keeps a quick action's title on its entries, and drops an entry whose title is not text", async () => {
    useHistory.getState().add({ ...entry(1), action: 'Latest messages' });
    const stored = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]') as HistoryEntry[];
    expect(stored[0]?.action).toBe('Latest messages');
    localStorage.setItem(
      HISTORY_KEY,
      JSON.stringify([
        { ...stored[0], action: 42 },
        { ...stored[0], id: 'other' },
      ]),
    );
    vi.resetModules();
    const fresh = await import('../../src-renderer/stores/history');
    expect(fresh.useHistory.getState().entries.map((e) => e.id)).toEqual(['other']);
  });
});
