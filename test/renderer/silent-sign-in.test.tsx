// When nothing comes back from the browser: after 20 s the pending sign-in says what usually went
// wrong (invalid_client, redirect_uri_mismatch) and offers Settings.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PendingSignIn, SILENT_SIGN_IN_MS } from '../../src-renderer/features/connect/PendingSignIn';
import { useNavigation } from '../../src-renderer/stores/navigation';
import { useServices } from '../../src-renderer/stores/services';
import { service } from './fixtures';

const FLOW = { state: 'st-1', authUrl: 'https://accounts.example/auth?state=st-1', service: 'google_drive' as const };

beforeEach(() => {
  vi.useFakeTimers();
  useServices.setState({ loaded: true, services: [service('google_drive')] });
  useNavigation.setState({ view: { kind: 'service', service: 'google_drive' } });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('a sign-in nothing comes back from', () => {
  it('says what usually went wrong after 20 seconds, not before, and leads to the provider in Settings', () => {
    expect(SILENT_SIGN_IN_MS).toBe(20_000);
    render(<PendingSignIn flow={FLOW} />);
    act(() => vi.advanceTimersByTime(19_900));
    expect(screen.queryByText(/Nothing has come back/)).toBeNull();
    act(() => vi.advanceTimersByTime(200));
    const help = screen.getByText(/Nothing has come back from the browser yet/).parentElement;
    expect(help?.textContent).toContain('invalid_client');
    expect(help?.textContent).toContain('redirect_uri_mismatch');
    expect(help?.textContent).toContain('check both in Settings');
    fireEvent.click(screen.getByRole('button', { name: 'Check Settings' }));
    expect(useNavigation.getState().view).toEqual({ kind: 'settings', provider: 'google' });
  });

  it('starts counting afresh for a new sign-in', () => {
    const { rerender } = render(<PendingSignIn flow={FLOW} />);
    act(() => vi.advanceTimersByTime(15_000));
    rerender(<PendingSignIn flow={{ ...FLOW, state: 'st-2' }} />);
    act(() => vi.advanceTimersByTime(15_000));
    expect(screen.queryByText(/Nothing has come back/)).toBeNull();
    act(() => vi.advanceTimersByTime(5_000));
    expect(screen.getByText(/Nothing has come back/)).toBeTruthy();
  });
});
