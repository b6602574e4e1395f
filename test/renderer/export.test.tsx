// Export buttons: the paging panel saves every page through the core (progress, the rate-limit
// wait, Stop saving), and a quick action's table saves its rows as CSV or NDJSON.
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ExportResult } from '../../src-shared/export';
import QuickActionsView from '../../src-renderer/features/actions/QuickActionsView';
import { codedError, connection, deferred } from './fixtures';
import { actionResult } from './quick-actions-fixtures';
import { useQuickActionsWorld } from './quick-actions-world';

const { emit, setup, listenerCount } = useQuickActionsWorld();

describe('export', () => {
  it('saves every page of a list as NDJSON with progress, the rate-limit wait and Stop saving', async () => {
    const user = userEvent.setup();
    const fake = setup();
    const saving = deferred<ExportResult>();
    fake.on('api.export', () => saving.promise);
    fake.on('api.cancel', () => ({ cancelled: true }));
    render(<QuickActionsView service="google_gmail" />);
    await screen.findByRole('heading', { name: 'Every page of a list' });
    await user.selectOptions(screen.getByLabelText('Save every page as'), 'ndjson');
    await user.click(screen.getByRole('button', { name: 'Save to a file…' }));
    const payload = fake.calls.find((c) => c.channel === 'api.export')?.payload as { requestId: string };
    expect(payload).toMatchObject({
      format: 'ndjson',
      name: 'messages-ids',
      source: { kind: 'pages', connectionId: connection().id, url: '/users/me/messages', query: { maxResults: '100' }, maxPages: 10 },
    });
    expect(screen.getByRole('button', { name: 'Save to a file…' }).hasAttribute('disabled')).toBe(true);
    emit({ type: 'api.progress', requestId: payload.requestId, pages: 3, items: 300 });
    expect(screen.getByRole('progressbar', { name: 'Saving: page 3 of at most 10 · 300 items written' })).toBeTruthy();
    emit({
      type: 'api.progress',
      requestId: payload.requestId,
      pages: 3,
      items: 300,
      waitingMs: 4000,
      reason: "waiting for Google's rate limit (4 s)",
    });
    expect(screen.getByText("Waiting for Google's rate limit (4 s); saving goes on after it.")).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Stop saving' }));
    expect(fake.calls.find((c) => c.channel === 'api.cancel')?.payload).toEqual({ requestId: payload.requestId });
    expect(screen.getByRole('button', { name: 'Stopping…' })).toBeTruthy();
    await act(async () =>
      saving.resolve({ saved: true, fileName: 'messages-ids.ndjson', items: 300, pages: 3, bytes: 9000, cancelled: true, capped: false }),
    );
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByText('Stopped when you cancelled: 300 items from 3 pages saved to messages-ids.ndjson.')).toBeTruthy();
    expect(listenerCount()).toBe(0);
  });

  it("saves a quick action's table as CSV, says so, and shows the core's refusal in words", async () => {
    const user = userEvent.setup();
    const fake = setup();
    fake.on('actions.run', () => actionResult());
    fake.on('api.export', () => ({
      saved: true,
      fileName: 'latest-messages.csv',
      items: 2,
      pages: 0,
      bytes: 120,
      cancelled: false,
      capped: false,
    }));
    render(<QuickActionsView service="google_gmail" />);
    await screen.findByRole('heading', { name: 'Latest messages' });
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByRole('table', { name: /Latest messages/ });
    await user.click(screen.getByRole('button', { name: 'Save as CSV…' }));
    const { columns, rows } = actionResult();
    expect(fake.calls.find((c) => c.channel === 'api.export')?.payload).toEqual({
      format: 'csv',
      name: 'latest-messages',
      source: { kind: 'rows', columns, rows },
    });
    expect(await screen.findByText('Saved 2 rows to latest-messages.csv.')).toBeTruthy();

    fake.on('api.export', () =>
      Promise.reject(
        codedError('invalid_input', 'Junction could not save x.ndjson (permission denied). Choose another folder and try again.'),
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Save as NDJSON…' }));
    expect((await screen.findByRole('alert')).textContent).toContain('permission denied');
    fake.on('api.export', () => ({ saved: false, items: 0, pages: 0, bytes: 0, cancelled: false, capped: false }));
    await user.click(screen.getByRole('button', { name: 'Save as CSV…' }));
    expect(await screen.findByText('Not saved: the save dialog was closed.')).toBeTruthy();
  });
});
