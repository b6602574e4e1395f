import { beforeEach, describe, expect, it } from 'vitest';
import { useConnections } from '../../src-renderer/stores/connections';
import { useConsole } from '../../src-renderer/stores/console';
import { connection } from './fixtures';

const GMAIL = connection();
const SPOTIFY = connection({ id: 'c0ffee00-6a43-4c47-9d64-1f0b6f1c2a02', service: 'spotify', provider: 'spotify' });
const store = () => useConsole.getState();
const rows = () => store().query.map((r) => `${r.enabled ? '' : '-'}${r.key}=${r.value}`);

beforeEach(() => {
  useConnections.setState({ connections: [GMAIL, SPOTIFY], loaded: true });
  useConsole.setState({
    connectionId: null,
    method: 'GET',
    url: '',
    query: [],
    headers: [],
    body: '',
    response: null,
    error: null,
    formError: null,
  });
});

describe('the console store', () => {
  it('keeps a row (and its id) while its value is typed in the URL, and unticked rows where they were', () => {
    store().load({ method: 'GET', url: '/users/me/messages', query: [], headers: [], body: '' });
    store().addRow('query');
    store().updateRow('query', store().query[0]?.id ?? '', { key: 'q', value: 'x' });
    store().addRow('query');
    store().updateRow('query', store().query[1]?.id ?? '', { key: 'off', value: '1', enabled: false });
    const id = store().query[0]?.id;
    expect(store().url).toBe('/users/me/messages?q=x');
    store().setUrl('/users/me/messages?q=xy');
    expect(store().query[0]?.id).toBe(id);
    store().setUrl('/users/me/messages?q=xy&n=2');
    expect(rows()).toEqual(['q=xy', '-off=1', 'n=2']);
    store().setUrl('/users/me/messages');
    expect(rows()).toEqual(['-off=1']);
    // What goes out: the URL's path and the rows, never the URL's query string on top of them.
    store().setUrl('/users/me/messages?q=1');
    expect(store().draft()).toMatchObject({
      url: '/users/me/messages',
      query: [
        { key: 'off', enabled: false },
        { key: 'q', value: '1' },
      ],
    });
  });

  it('folds a loaded URL’s own query string into the rows once', () => {
    store().load({
      method: 'GET',
      url: '/m?maxResults=3',
      query: [{ key: 'maxResults', value: '10', enabled: true }],
      headers: [],
      body: '',
    });
    expect(rows()).toEqual(['maxResults=3', 'maxResults=10']);
    expect(store().url).toBe('/m?maxResults=3&maxResults=10');
  });

  it('offers the other service’s first read on a switch, and keeps a path typed before any connection', () => {
    store().setUrl('/users/me/labels');
    store().setConnection(GMAIL.id);
    expect(store().url).toBe('/users/me/labels');
    store().setConnection(SPOTIFY.id);
    expect(store().url).toBe('/me');
    store().setConnection(GMAIL.id);
    expect(store().url).toBe('/users/me/profile');
    expect(store().connectionId).toBe(GMAIL.id);
  });

  it('re-checks a form error said after Send on every edit, and drops it once fixed', async () => {
    store().setUrl('/a b');
    await store().send();
    expect(store().formError).toBe('Pick a connection to send the request with.');
    store().setConnection(GMAIL.id);
    expect(store().formError).toMatch(/must not contain spaces/);
    store().setUrl('/ab');
    expect(store().formError).toBeNull();
  });
});
