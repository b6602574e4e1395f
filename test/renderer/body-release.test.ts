// The console shows one answer at a time: sending again releases the body the core kept for the
// last one, so a session of big answers does not leave them all in the main process.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../src-shared/types';
import { useConnections } from '../../src-renderer/stores/connections';
import { useConsole } from '../../src-renderer/stores/console';
import { useHistory } from '../../src-renderer/stores/history';
import { codedError, connection, fakeClient } from './fixtures';

const CONNECTION = connection();

function answer(handle: string | null): ApiResponse {
  return {
    status: 200,
    statusText: 'OK',
    headers: {},
    body: '{}',
    bodyEncoding: 'utf8',
    sizeBytes: 2,
    durationMs: 1,
    attempts: 1,
    refreshed: false,
    truncated: false,
    url: 'https://gmail.googleapis.com/gmail/v1/users/me/profile',
    ...(handle ? { bodyHandle: { id: handle, sizeBytes: 2, kind: 'json' as const, partial: false } } : {}),
  };
}

beforeEach(() => {
  localStorage.clear();
  useHistory.setState({ entries: [] });
  useConnections.setState({ connections: [CONNECTION], loaded: true });
  useConsole.setState({ connectionId: CONNECTION.id, url: '/users/me/profile', response: null, error: null, sending: false });
});

describe('Kept bodies', () => {
  it('are released when the next request goes out, and a failed release changes nothing', async () => {
    const fake = fakeClient();
    const answers = [answer('h1'), answer(null), answer('h3'), answer('h4')];
    fake.on('api.request', () => answers.shift() as ApiResponse);
    const released: string[] = [];
    fake.on('api.body', (req) => {
      released.push(req.handle);
      if (req.handle === 'h3') throw codedError('not_found', 'This answer is no longer kept. Send the request again.');
      return { op: 'release', released: true };
    });
    const send = () => useConsole.getState().send();
    await send();
    expect(released).toEqual([]);
    await send();
    expect(released).toEqual(['h1']);
    await send();
    expect(released).toEqual(['h1']);
    await send();
    expect(released).toEqual(['h1', 'h3']);
    expect(useConsole.getState().error).toBeNull();
    expect(useConsole.getState().response?.bodyHandle?.id).toBe('h4');
    expect(fake.calls.filter((c) => c.channel === 'api.body').map((c) => c.payload)).toEqual([
      { handle: 'h1', op: 'release' },
      { handle: 'h3', op: 'release' },
    ]);
  });
});
