import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../src-shared/types';
import JsonTree, { PAGE_SIZE } from '../../src-renderer/features/console/JsonTree';
import { ResponsePanel } from '../../src-renderer/features/console/ResponseView';

afterEach(cleanup);

function apiResponse(body: string, patch: Partial<ApiResponse> = {}): ApiResponse {
  return {
    status: 200,
    statusText: 'OK',
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'r1' },
    body,
    bodyEncoding: 'utf8',
    sizeBytes: body.length,
    durationMs: 12,
    attempts: 1,
    refreshed: false,
    truncated: false,
    url: 'https://api.example/x',
    ...patch,
  };
}

describe('JSON viewer', () => {
  it('highlights values by type and collapses containers', async () => {
    const user = userEvent.setup();
    const { container } = render(
      <JsonTree value={{ name: 'Ada', age: 36, admin: true, manager: null, tags: ['x', 'y'], nested: { deep: 1 } }} />,
    );
    expect(container.querySelector('.j-str')?.textContent).toBe('"Ada"');
    expect(container.querySelector('.j-num')?.textContent).toBe('36');
    expect(container.querySelector('.j-bool')?.textContent).toBe('true');
    expect(container.querySelector('.j-null')?.textContent).toBe('null');
    const tags = screen.getByRole('button', { name: 'Expand tags, 2 items' });
    expect(tags.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText('"x"')).toBeNull();
    await user.click(tags);
    expect(screen.getByText('"x"')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Collapse tags, 2 items' }).getAttribute('aria-expanded')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Collapse root, 6 keys' }));
    expect(screen.queryByText('"Ada"')).toBeNull();
  });

  it('is keyboard operable', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={{ nested: { deep: 1 } }} />);
    await user.tab();
    await user.tab();
    expect(document.activeElement?.textContent).toBe('▸Expand nested, 1 key');
    await user.keyboard('{Enter}');
    expect(screen.getByText('1')).toBeTruthy();
  });

  it('renders a large array a page at a time', async () => {
    const user = userEvent.setup();
    const items = Array.from({ length: 5000 }, (_, i) => ({ i }));
    const { container } = render(<JsonTree value={items} />);
    const root = container.querySelector('.j-children') as HTMLElement;
    const nodes = () => root.querySelectorAll(':scope > li.j-node').length;
    expect(nodes()).toBe(PAGE_SIZE);
    expect(within(root).getByRole('button', { name: 'Expand 0, 1 key' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Show 1000 more of 4900 remaining' }));
    expect(nodes()).toBe(PAGE_SIZE + 1000);
  });

  it('shortens long strings until asked', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={{ text: 'a'.repeat(1000) }} />);
    await user.click(screen.getByRole('button', { name: 'show all 1000 characters' }));
    expect(screen.getByText(`"${'a'.repeat(1000)}"`)).toBeTruthy();
  });

  it('shows a 5 MB response quickly, with status, headers tab and raw view', async () => {
    const user = userEvent.setup();
    const items = Array.from({ length: 40_000 }, (_, i) => ({ id: i, name: `item ${i}`, payload: 'x'.repeat(90) }));
    const body = JSON.stringify({ items });
    expect(body.length).toBeGreaterThan(5_000_000);
    const started = performance.now();
    render(<ResponsePanel response={apiResponse(body, { json: { items } })} />);
    await screen.findByRole('button', { name: 'Collapse root, 1 key' });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(screen.getByText('200 OK')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Expand items, 40000 items' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Raw' }));
    // The raw view is virtualized: a screenful of 4096-character line segments, not 5 MB of text.
    const raw = await screen.findByRole('region', { name: 'Body as raw text' });
    await waitFor(() => expect(raw.textContent).toContain('{"items":[{"id":0,"name":"item 0"'));
    const rows = raw.querySelectorAll('.v-row').length;
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(100);

    await user.click(screen.getByRole('tab', { name: 'Headers (2)' }));
    expect(screen.getByText('x-request-id')).toBeTruthy();
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tab', { name: 'Body' }).getAttribute('aria-selected')).toBe('true');
  });

  it('parses a JSON body the core did not parse, and shows text as text', async () => {
    render(<ResponsePanel response={apiResponse('{"ok":true}')} />);
    await screen.findByRole('button', { name: 'Collapse root, 1 key' });
    cleanup();
    render(<ResponsePanel response={apiResponse('plain words', { headers: { 'content-type': 'text/plain' } })} />);
    const raw = await screen.findByRole('region', { name: 'Body as raw text' });
    await waitFor(() => expect(raw.textContent).toBe('plain words'));
  });
});
