// The response body viewer over a body the main process keeps (`bodyHandle.partial`): every read
// goes through `api.body`, answered here by a fake that holds the JSON the way the core would.
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BodyRequest, BodyResult } from '../../src-shared/body';
import type { ApiResponse } from '../../src-shared/types';
import { ResponsePanel } from '../../src-renderer/features/console/ResponseView';
import { memorySource } from '../../src-renderer/lib/body-source';
import { codedError, deferred, fakeClient } from './fixtures';

afterEach(cleanup);

// jsdom has no layout and no Element.scrollTo: scroll as a browser would.
beforeAll(() => {
  Element.prototype.scrollTo = function (this: Element, options?: ScrollToOptions | number) {
    const top = typeof options === 'number' ? options : (options?.top ?? 0);
    Object.defineProperty(this, 'scrollTop', { value: top, configurable: true, writable: true });
    this.dispatchEvent(new Event('scroll'));
  } as Element['scrollTo'];
});

const HANDLE = 'h_big_1';

function keptResponse(kind: 'json' | 'text' | 'binary', patch: Partial<ApiResponse> = {}): ApiResponse {
  return {
    status: 200,
    statusText: 'OK',
    headers: { 'content-type': kind === 'json' ? 'application/json' : 'text/plain' },
    body: '{"first page only',
    bodyEncoding: 'utf8',
    sizeBytes: 100_000_000,
    durationMs: 900,
    attempts: 1,
    refreshed: false,
    truncated: false,
    url: 'https://api.example/big',
    bodyHandle: { id: HANDLE, sizeBytes: 100_000_000, kind, partial: true },
    ...patch,
  };
}

/** `api.body` over a value held here, as the core answers it; records every request. */
function keptBody(kind: 'json' | 'text', text: string, json?: unknown) {
  const fake = fakeClient();
  const held = memorySource(kind, text, json);
  const requests: BodyRequest[] = [];
  fake.on('api.body', async (req): Promise<BodyResult> => {
    requests.push(req);
    if (req.handle !== HANDLE) throw codedError('not_found', 'This answer is no longer kept. Send the request again.');
    switch (req.op) {
      case 'children': {
        const r = await held.children(req.path, req.offset, req.limit);
        return { op: 'children', path: req.path, offset: req.offset, ...r };
      }
      case 'lines':
        return { op: 'lines', start: req.start, ...(await held.lines(req.start, req.count)) };
      case 'search':
        if (req.mode === 'regex' && req.query === '(') throw codedError('invalid_input', 'The regular expression is not valid: missing ).');
        return { op: 'search', offset: req.offset, ...(await held.search(req.query, req.mode, req.offset, req.limit)) };
      case 'filter':
        if (req.expression === '$[') throw codedError('invalid_input', 'The JSONPath expression is not valid: unclosed [ at 2.');
        return { op: 'filter', count: 2, json: '[1,2]', truncated: false };
      case 'release':
        return { op: 'release', released: true };
    }
  });
  return { ...fake, requests };
}

const bigJson = () => ({
  kind: 'drive#fileList',
  files: Array.from({ length: 200_000 }, (_, i) => ({ id: `f${i}`, name: i === 123_456 ? 'Needle report' : `file ${i}` })),
});

describe('Body viewer over a kept body', () => {
  it('reads only what is on screen: the root, then a page of an opened array', async () => {
    const user = userEvent.setup();
    const json = bigJson();
    const { requests } = keptBody('json', '', json);
    const { container } = render(<ResponsePanel response={keptResponse('json')} />);
    await screen.findByRole('button', { name: 'Collapse root, 2 keys' });
    await user.click(screen.getByRole('button', { name: 'Expand files, 200000 items' }));
    await screen.findByRole('button', { name: 'Expand 0, 2 keys' });
    expect(container.querySelectorAll('.v-row').length).toBeLessThan(100);
    const reads = requests.filter((r) => r.op === 'children');
    expect(reads.every((r) => r.op === 'children' && r.limit <= 200)).toBe(true);
    expect(reads.map((r) => r.op === 'children' && r.path)).toEqual([[], ['files']]);
    expect(screen.getByText(/kept in Junction/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Copy body' })).toBeNull();
  });

  it('Ctrl+F searches, shows n of N, and jumps to a match deep in a big array, opening its parents', async () => {
    const user = userEvent.setup();
    keptBody('json', '', bigJson());
    render(<ResponsePanel response={keptResponse('json')} />);
    await screen.findByRole('button', { name: 'Collapse root, 2 keys' });
    await user.keyboard('{Control>}f{/Control}');
    const input = screen.getByRole('searchbox', { name: 'Search keys and values' });
    expect(document.activeElement).toBe(input);
    await user.type(input, 'needle{Enter}');
    await screen.findByText('1 of 1');
    const current = await waitFor(() => {
      const row = document.querySelector('[aria-current="true"]');
      expect(row?.textContent).toContain('"Needle report"');
      return row as HTMLElement;
    });
    expect(current.textContent).toContain('"name": ');
    expect(screen.getByRole('button', { name: 'Collapse 123456, 2 keys' })).toBeTruthy();
  });

  it('walks matches with next and previous, wrapping around', async () => {
    const user = userEvent.setup();
    keptBody('json', '', { a: 'x1', b: { c: 'x2', x3: 0 } });
    render(<ResponsePanel response={keptResponse('json')} />);
    await screen.findByRole('button', { name: 'Collapse root, 2 keys' });
    await user.type(screen.getByRole('searchbox', { name: 'Search keys and values' }), 'X{Enter}');
    await screen.findByText('1 of 3');
    await user.click(screen.getByRole('button', { name: 'Next match' }));
    await screen.findByText('2 of 3');
    await waitFor(() => expect(document.querySelector('[aria-current="true"]')?.textContent).toContain('"x2"'));
    await user.click(screen.getByRole('button', { name: 'Next match' }));
    await waitFor(() => expect(document.querySelector('[aria-current="true"]')?.textContent).toContain('"x3"'));
    await user.click(screen.getByRole('button', { name: 'Next match' }));
    await screen.findByText('1 of 3');
    await user.click(screen.getByRole('button', { name: 'Previous match' }));
    await screen.findByText('3 of 3');
    await user.selectOptions(screen.getByRole('combobox', { name: 'How to match' }), 'case');
    await screen.findByText('No matches');
  });

  it('says what is wrong with a bad regular expression and keeps working', async () => {
    const user = userEvent.setup();
    keptBody('json', '', { a: 1 });
    render(<ResponsePanel response={keptResponse('json')} />);
    await screen.findByRole('button', { name: 'Collapse root, 1 key' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'How to match' }), 'regex');
    await user.type(screen.getByRole('searchbox', { name: 'Search keys and values' }), '({Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('The regular expression is not valid: missing ).');
    expect(screen.getByRole('button', { name: 'Collapse root, 1 key' })).toBeTruthy();
  });

  it('filters with JSONPath, shows the result as JSON, and says what is wrong with a bad expression', async () => {
    const user = userEvent.setup();
    const { requests } = keptBody('json', '', { a: [1, 2] });
    render(<ResponsePanel response={keptResponse('json')} />);
    await screen.findByRole('button', { name: 'Collapse root, 1 key' });
    const box = screen.getByRole('textbox', { name: 'JSONPath filter' });
    await user.type(box, '$[[{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('The JSONPath expression is not valid: unclosed [ at 2.');
    await user.clear(box);
    await user.type(box, '$.a[[*]{Enter}');
    const result = await screen.findByRole('region', { name: 'Filter result as a JSON tree' });
    expect(screen.getByText(/2 results for/)).toBeTruthy();
    await waitFor(() => expect([...result.querySelectorAll('.j-num')].map((e) => e.textContent)).toEqual(['1', '2']));
    expect(requests.filter((r) => r.op === 'filter').map((r) => r.op === 'filter' && r.expression)).toEqual(['$[', '$.a[*]']);
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    expect(screen.queryByRole('region', { name: 'Filter result as a JSON tree' })).toBeNull();
  });

  it('shows a kept text body as virtualized lines and jumps to a searched line', async () => {
    const user = userEvent.setup();
    const text = Array.from({ length: 50_000 }, (_, i) => (i === 40_000 ? 'the odd one' : `line ${i}`)).join('\n');
    const { requests } = keptBody('text', text);
    render(<ResponsePanel response={keptResponse('text')} />);
    const raw = await screen.findByRole('region', { name: 'Body as raw text' });
    await waitFor(() => expect(raw.textContent).toContain('line 0'));
    expect(raw.querySelectorAll('.v-row').length).toBeLessThan(100);
    await user.type(screen.getByRole('searchbox', { name: 'Search keys and values' }), 'odd{Enter}');
    await screen.findByText('1 of 1');
    await waitFor(() => expect(raw.querySelector('[aria-current="true"]')?.textContent).toBe('the odd one'));
    expect(requests.every((r) => r.op !== 'lines' || r.count <= 1000)).toBe(true);
  });

  it('saves through the main process and says where; a cancelled dialog says nothing', async () => {
    const user = userEvent.setup();
    const fake = keptBody('json', '', { a: 1 });
    const saves: unknown[] = [];
    let answer = { saved: true, fileName: 'response-200.json', bytes: 100_000_000 };
    fake.on('api.saveBody', (payload) => {
      saves.push(payload);
      return answer;
    });
    render(<ResponsePanel response={keptResponse('json')} />);
    await user.click(await screen.findByRole('button', { name: 'Save to file' }));
    await screen.findByText('Saved response-200.json (95.37 MB).');
    expect(saves).toEqual([{ handle: HANDLE }]);
    answer = { saved: false } as typeof answer;
    await user.click(screen.getByRole('button', { name: 'Save to file' }));
    await waitFor(() => expect(saves.length).toBe(2));
    await waitFor(() => expect(screen.queryByText(/^Saved /)).toBeNull());
  });

  it('shows the first page while the main process indexes the body, then the tree', async () => {
    const fake = fakeClient();
    const held = memorySource('json', '', { a: 1 });
    const indexed = deferred<void>();
    fake.on('api.body', async (req) => {
      await indexed.promise;
      if (req.op !== 'children') throw new Error('children only');
      return { op: 'children', path: req.path, offset: req.offset, ...(await held.children(req.path, req.offset, req.limit)) };
    });
    render(<ResponsePanel response={keptResponse('json', { body: '{"a": 1, "first": "page"' })} />);
    expect((await screen.findByLabelText("The body's first page")).textContent).toBe('{"a": 1, "first": "page"');
    expect(screen.getByText(/Indexing the body/)).toBeTruthy();
    indexed.resolve();
    await screen.findByRole('button', { name: 'Collapse root, 1 key' });
    expect(screen.queryByLabelText("The body's first page")).toBeNull();
  });

  it('says so when the kept body is gone', async () => {
    keptBody('json', '', { a: 1 });
    render(<ResponsePanel response={keptResponse('json', { bodyHandle: { id: 'h_gone', sizeBytes: 9, kind: 'json', partial: true } })} />);
    expect((await screen.findByRole('alert')).textContent).toBe('This answer is no longer kept. Send the request again.');
  });
});

describe('Body viewer over a body the window holds', () => {
  it('opens an error body two levels deep', async () => {
    const error = { error: { code: 403, message: 'Insufficient Permission', errors: [{ reason: 'insufficientPermissions' }] } };
    const body = JSON.stringify(error);
    render(
      <ResponsePanel response={keptResponse('json', { status: 403, statusText: 'Forbidden', body, json: error, bodyHandle: undefined })} />,
    );
    await screen.findByRole('button', { name: 'Collapse error, 3 keys' });
    expect(screen.getByText('"Insufficient Permission"')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Expand errors, 1 item' })).toBeTruthy();
  });

  it('opens a success body one level deep', async () => {
    const value = { data: { id: 1 } };
    render(<ResponsePanel response={keptResponse('json', { body: JSON.stringify(value), json: value, bodyHandle: undefined })} />);
    await screen.findByRole('button', { name: 'Expand data, 1 key' });
  });

  it('searches a small body in the window, and a bad regex says what is wrong', async () => {
    const user = userEvent.setup();
    const value = { items: [{ title: 'Alpha' }, { title: 'beta' }] };
    const fake = fakeClient();
    render(<ResponsePanel response={keptResponse('json', { body: JSON.stringify(value), json: value, bodyHandle: undefined })} />);
    await screen.findByRole('button', { name: 'Collapse root, 1 key' });
    const input = screen.getByRole('searchbox', { name: 'Search keys and values' });
    await user.type(input, 'a{Enter}');
    await screen.findByText('1 of 2');
    await user.selectOptions(screen.getByRole('combobox', { name: 'How to match' }), 'regex');
    await user.clear(input);
    await user.type(input, '[[{Enter}');
    expect((await screen.findByRole('alert')).textContent).toMatch(/^That regular expression does not parse: .+/);
    expect(fake.calls.length).toBe(0);
  });

  it('previews a small image and offers to save it', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    render(
      <ResponsePanel
        response={keptResponse('binary', {
          headers: { 'content-type': 'image/png' },
          body: png,
          bodyEncoding: 'base64',
          sizeBytes: 70,
          bodyHandle: { id: HANDLE, sizeBytes: 70, kind: 'binary', partial: false },
        })}
      />,
    );
    const img = await screen.findByRole('img');
    expect(img.getAttribute('src')).toBe(`data:image/png;base64,${png}`);
    expect(img.getAttribute('alt')).toMatch(/image\/png/);
    expect(screen.getByRole('button', { name: 'Save to file' })).toBeTruthy();
  });

  it('does not preview an image the window does not hold whole', async () => {
    keptBody('json', '', {});
    render(<ResponsePanel response={keptResponse('binary', { headers: { 'content-type': 'image/png' }, bodyEncoding: 'base64' })} />);
    expect(await screen.findByText(/A binary body of 95.37 MB/)).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });
});
