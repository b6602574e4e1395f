import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PaceFacts } from '../../src-renderer/features/connect/PaceFacts';
import { fakeClient } from './fixtures';

afterEach(cleanup);

describe('connection detail: pace', () => {
  it('shows requests in the last minute, what waits, the next send and why', async () => {
    const fake = fakeClient();
    fake.on('connections.pace', () => ({
      requestsLastMinute: 42,
      queued: 3,
      inFlight: 0,
      nextSendAt: Date.now() + 11_500,
      ratePerSecond: 25,
      reason: "waiting for Google's rate limit (12 s)",
    }));
    render(
      <dl>
        <PaceFacts id="c1" />
      </dl>,
    );
    expect(await screen.findByText(/42 requests in the last minute · 3 waiting · next send in 12 s/)).toBeTruthy();
    expect(screen.getByText("waiting for Google's rate limit (12 s)")).toBeTruthy();
    expect(fake.calls.find((c) => c.channel === 'connections.pace')?.payload).toEqual({ id: 'c1' });
  });

  it('shows nothing when the core cannot say', async () => {
    const fake = fakeClient();
    render(
      <dl>
        <PaceFacts id="c1" />
      </dl>,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.calls.some((c) => c.channel === 'connections.pace')).toBe(true);
    expect(screen.queryByText('Pace')).toBeNull();
  });
});
