// What a quick action's result lists of its requests: bounded in count and body size.
import { describe, expect, it } from 'vitest';
import { MAX_ACTION_CALL_BODY, MAX_ACTION_CALLS, type ActionCall } from '../../src-shared/actions';
import type { ApiResponse } from '../../src-shared/types';
import { recordCall } from '../../src-main/core/actions/calls';

const answer = { status: 201, statusText: 'Created', durationMs: 5, sizeBytes: 9 } as ApiResponse;

describe('recordCall', () => {
  it('keeps the first MAX_ACTION_CALLS requests, bodies cut at MAX_ACTION_CALL_BODY, only content-type of the headers', () => {
    const calls: ActionCall[] = [];
    for (let i = 0; i < MAX_ACTION_CALLS + 10; i++) {
      recordCall(
        calls,
        {
          connectionId: 'c',
          method: 'POST',
          url: `/files/${i}`,
          headers: { 'Content-Type': 'text/plain', 'x-goog-api-client': 'gdcl/7' },
          body: 'x'.repeat(MAX_ACTION_CALL_BODY + 100),
        },
        answer,
      );
    }
    expect(calls).toHaveLength(MAX_ACTION_CALLS);
    expect(calls.at(-1)?.url).toBe(`/files/${MAX_ACTION_CALLS - 1}`);
    expect(calls[0]?.body).toHaveLength(MAX_ACTION_CALL_BODY);
    expect(calls[0]?.headers).toEqual({ 'content-type': 'text/plain' });
    expect(calls[0]).toMatchObject({ method: 'POST', status: 201, statusText: 'Created' });
  });

  it('a JSON body is kept as its text; no body and no query stay absent', () => {
    const calls: ActionCall[] = [];
    recordCall(calls, { connectionId: 'c', url: '/me', body: { a: 1 } }, answer);
    recordCall(calls, { connectionId: 'c', url: '/me' }, answer);
    expect(calls[0]).toMatchObject({ method: 'GET', body: '{"a":1}' });
    expect(Object.keys(calls[1] ?? {})).toEqual(['method', 'url', 'status', 'statusText', 'durationMs', 'sizeBytes']);
  });
});
