// The response's attempt timeline: each attempt's status and the wait before it with its cause,
// shown only when there was more than one attempt or a noticeable wait.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../src-shared/types';
import { ResponsePanel } from '../../src-renderer/features/console/ResponseView';

afterEach(cleanup);

function apiResponse(patch: Partial<ApiResponse>): ApiResponse {
  return {
    status: 200,
    statusText: 'OK',
    headers: { 'content-type': 'application/json' },
    body: '{"ok":true}',
    json: { ok: true },
    bodyEncoding: 'utf8',
    sizeBytes: 11,
    durationMs: 1400,
    attempts: 1,
    refreshed: false,
    truncated: false,
    url: 'https://gmail.googleapis.com/gmail/v1/users/me/profile',
    ...patch,
  };
}

describe('the attempt timeline', () => {
  it('lists a rate limit, a retried 503 and the answer, each wait with its cause', () => {
    render(
      <ResponsePanel
        response={apiResponse({
          attempts: 3,
          waitedMs: 1200,
          attemptLog: [
            { status: 429, durationMs: 40 },
            { status: 503, waitedMs: 1200, waitedFor: 'rate_limit', durationMs: 35 },
            { status: 200, waitedMs: 450, waitedFor: 'backoff', durationMs: 38 },
          ],
        })}
      />,
    );
    const items = within(screen.getByRole('list', { name: 'Attempts' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      '429 in 40 ms',
      'waited 1.2 s for the rate limit → 503 in 35 ms',
      'waited 0.5 s backing off before a retry → 200 in 38 ms',
    ]);
    expect(screen.getByText('waited 1.2 s for the rate limit')).toBeTruthy();
  });

  it('shows a lone attempt only when it waited: a refresh, or the queue', () => {
    const { rerender } = render(<ResponsePanel response={apiResponse({ attemptLog: [{ status: 200, durationMs: 30 }] })} />);
    expect(screen.queryByRole('list', { name: 'Attempts' })).toBeNull();
    rerender(
      <ResponsePanel response={apiResponse({ attemptLog: [{ status: 200, waitedMs: 3, waitedFor: 'rate_limit', durationMs: 30 }] })} />,
    );
    expect(screen.queryByRole('list', { name: 'Attempts' })).toBeNull();
    rerender(
      <ResponsePanel response={apiResponse({ attemptLog: [{ status: 200, waitedMs: 800, waitedFor: 'refresh', durationMs: 30 }] })} />,
    );
    expect(screen.getByRole('list', { name: 'Attempts' }).textContent).toBe('waited 0.8 s renewing access → 200 in 30 ms');
  });
});
