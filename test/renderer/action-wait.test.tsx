// A quick action held by the provider's rate limit says so while it runs, and stops saying so
// once the wait is over.
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ActionResult } from '../../src-shared/actions';
import QuickActionsView from '../../src-renderer/features/actions/QuickActionsView';
import { deferred } from './fixtures';
import { actionResult } from './quick-actions-fixtures';
import { useQuickActionsWorld } from './quick-actions-world';

const { emit, setup, listenerCount } = useQuickActionsWorld();

describe('a quick action waiting for the rate limit', () => {
  it('shows the wait on its running line, and drops it when the core says the wait is over', async () => {
    const user = userEvent.setup();
    const fake = setup();
    const running = deferred<ActionResult>();
    fake.on('actions.run', () => running.promise);
    render(<QuickActionsView service="google_gmail" />);
    await screen.findByRole('heading', { name: 'Latest messages' });
    await user.click(screen.getByRole('button', { name: 'Run' }));
    const { requestId } = fake.calls.find((c) => c.channel === 'actions.run')?.payload as { requestId: string };
    emit({ type: 'api.progress', requestId, pages: 0, items: 0, waitingMs: 5000, reason: "waiting for Google's rate limit (5 s)" });
    expect(screen.getByText("Waiting for Google's rate limit (5 s); it goes on after it.")).toBeTruthy();
    emit({ type: 'api.progress', requestId, pages: 0, items: 0 });
    expect(screen.queryByText(/rate limit/)).toBeNull();
    await act(async () => running.resolve(actionResult()));
    await screen.findByRole('table', { name: /Latest messages/ });
    expect(listenerCount()).toBe(0);
  });
});
