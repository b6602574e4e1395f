// History keeps no credential a person typed, wherever they typed it: each row
// is one shape, checked in what lands in localStorage, with the harmless values next to it kept.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { KeyValue, RequestDraft } from '../../src-renderer/lib/request';
import { HISTORY_KEY, useHistory, type HistoryEntry, type HistoryOutcome } from '../../src-renderer/stores/history';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJqd3Qtc2VjcmV0In0.c2lnbmF0dXJlLXNlY3JldA';

interface Shape {
  request?: Partial<RequestDraft>;
  outcome?: HistoryOutcome;
  /** Must not be stored. */
  secrets: string[];
  /** Must be stored as typed. */
  kept: string[];
}

const rows = (...pairs: [string, string][]): KeyValue[] => pairs.map(([key, value]) => ({ key, value, enabled: true }));
const header = (name: string, value: string): Shape['request'] => ({ headers: rows([name, value], ['Accept', 'application/json']) });
const query = (name: string, value: string): Shape['request'] => ({ query: rows([name, value], ['maxResults', '10']) });
const body = (text: string): Shape['request'] => ({ method: 'POST', body: text });

const SHAPES: Record<string, Shape> = {
  'Authorization header': {
    request: header('Authorization', 'Bearer ya29.a0hdr-secret'),
    secrets: ['hdr-secret'],
    kept: ['application/json'],
  },
  'Proxy-Authorization Basic': {
    request: header('proxy-authorization', 'Basic dXNlcjpwYXNz'),
    secrets: ['dXNlcjpwYXNz'],
    kept: ['application/json'],
  },
  'X-Goog-Api-Key': {
    request: header('X-Goog-Api-Key', 'AIzaSyD-goog-key-secret-0123456789abcdef'),
    secrets: ['goog-key-secret'],
    kept: ['Accept'],
  },
  'X-Api-Key': { request: header('X-Api-Key', 'sk_live_apikey-secret'), secrets: ['apikey-secret'], kept: ['X-Api-Key'] },
  'api_key header': { request: header('api_key', 'underscore-secret'), secrets: ['underscore-secret'], kept: ['api_key'] },
  Cookie: { request: header('Cookie', 'SID=cookie-secret; lang=en'), secrets: ['cookie-secret'], kept: ['application/json'] },
  'Set-Cookie-ish header': { request: header('X-Cookie-Jar', 'jar-secret'), secrets: ['jar-secret'], kept: ['application/json'] },
  'session header': { request: header('X-Session-Id', 'session-secret'), secrets: ['session-secret'], kept: ['application/json'] },
  'token header': { request: header('X-Auth-Token', 'xauth-secret'), secrets: ['xauth-secret'], kept: ['application/json'] },
  'secret header': { request: header('X-Client-Secret', 'hsecret-secret'), secrets: ['hsecret-secret'], kept: ['application/json'] },
  'signature header': { request: header('X-Hub-Signature-256', 'sha256=sig-secret'), secrets: ['sig-secret'], kept: ['application/json'] },
  'password header': { request: header('X-PASSWORD', "pa ss'word-secret"), secrets: ['word-secret'], kept: ['application/json'] },
  'a Bearer value under a harmless name': {
    request: header('X-Upstream', 'bearer upstream-secret'),
    secrets: ['upstream-secret'],
    kept: ['X-Upstream'],
  },
  'a JWT under a harmless name': { request: header('X-Id', JWT), secrets: ['eyJzdWIiOiJqd3Qtc2VjcmV0In0'], kept: ['X-Id'] },
  'key query row': { request: query('key', 'plainkey-secret'), secrets: ['plainkey-secret'], kept: ['maxResults', '10'] },
  'access_token query row': { request: query('access_token', 'qat-secret'), secrets: ['qat-secret'], kept: ['10'] },
  'refresh_token query row': { request: query('refresh_token', '1//0g-qrt-secret-xxxx'), secrets: ['qrt-secret'], kept: ['10'] },
  'code query row': { request: query('code', '4/0Aqcode-secret'), secrets: ['qcode-secret'], kept: ['10'] },
  'client_secret query row': { request: query(' client_secret ', 'GOCSPX-qcs-secret'), secrets: ['qcs-secret'], kept: ['10'] },
  'id_token query row': { request: query('id_token', JWT), secrets: ['c2lnbmF0dXJlLXNlY3JldA'], kept: ['10'] },
  'camelCase apiKey row': { request: query('apiKey', 'camel-secret'), secrets: ['camel-secret'], kept: ['10'] },
  'SAS sig row': { request: query('sig', 'sas-secret'), secrets: ['sas-secret'], kept: ['10'] },
  'percent-encoded name row': { request: query('access%5Ftoken', 'pct-secret'), secrets: ['pct-secret'], kept: ['10'] },
  'a disabled row': {
    request: { query: [{ key: 'token', value: 'disabled-secret', enabled: false }] },
    secrets: ['disabled-secret'],
    kept: [],
  },
  '?access_token= in the URL field': {
    request: { url: '/me?access_token=url-secret&fields=id' },
    secrets: ['url-secret'],
    kept: ['fields=id'],
  },
  'userinfo in the URL': {
    request: { url: 'https://jdoe:userinfo-secret@gmail.googleapis.com/x' },
    secrets: ['userinfo-secret', 'jdoe'],
    kept: ['gmail.googleapis.com/x'],
  },
  'userinfo without slashes': {
    request: { url: 'https:ada:noslash-secret@gmail.googleapis.com/x' },
    secrets: ['noslash-secret'],
    kept: ['/x'],
  },
  'userinfo without a scheme': { request: { url: '//ada:rel-secret@evil.example/x' }, secrets: ['rel-secret'], kept: ['evil.example/x'] },
  'code= and state in the URL': {
    request: { url: '/cb?code=4/0Aurlcode-secret&state=keepstate' },
    secrets: ['urlcode-secret'],
    kept: ['state=keepstate'],
  },
  'a token in the fragment': { request: { url: '/x#access_token=frag-secret&token_type=Bearer' }, secrets: ['frag-secret'], kept: ['/x#'] },
  'a URL nested in a parameter': {
    request: { url: '/x?next=https%3A%2F%2Fa.example%2Fcb%3Faccess_token%3Dnested-secret%26a%3D1&raw=https://b.example/?code=raw-secret' },
    secrets: ['nested-secret', 'raw-secret'],
    kept: ['next=https%3A%2F%2Fa.example', '%26a%3D1', 'raw=https://b.example/?code='],
  },
  'Key= in any case': { request: { url: '/x?Key=upper-secret&q=from:ada' }, secrets: ['upper-secret'], kept: ['q=from:ada'] },
  'client_secret in a JSON body': {
    request: body('{"client_secret":"jcs-secret","name":"keepname"}'),
    secrets: ['jcs-secret'],
    kept: ['keepname'],
  },
  'refresh_token in a JSON body': {
    request: body('{"refresh_token": "jrt-secret", "grant_type": "refresh_token"}'),
    secrets: ['jrt-secret'],
    kept: ['grant_type'],
  },
  'a field deep in arrays': {
    request: body('{"a":{"b":[{"x":1},{"apiKey":"deep-secret"}]},"q":"keepq"}'),
    secrets: ['deep-secret'],
    kept: ['keepq'],
  },
  'an object under a credential name': {
    request: body('{"credentials":{"user":"ada","pw":"obj-secret"},"n":7}'),
    secrets: ['obj-secret'],
    kept: ['"n": 7'],
  },
  'a number under a credential name': { request: body('{"session": 987654321, "count": 3}'), secrets: ['987654321'], kept: ['"count": 3'] },
  'a __proto__ field': {
    request: body('{"__proto__":{"token":"proto-secret"},"keep":"protokeep"}'),
    secrets: ['proto-secret'],
    kept: ['protokeep', '__proto__'],
  },
  'a body nested deeper than anyone types': {
    request: body(`{"keep":"shallow",${'"a":{'.repeat(100)}"x":"deep-nest-secret"${'}'.repeat(100)}}`),
    secrets: ['deep-nest-secret'],
    kept: ['shallow'],
  },
  'a form string inside JSON': {
    request: body('{"data":"grant_type=refresh_token&refresh_token=form-in-json-secret"}'),
    secrets: ['form-in-json-secret'],
    kept: ['grant_type=refresh_token'],
  },
  'Authorization inside JSON': {
    request: body('{"headers":{"Authorization":"Bearer json-auth-secret"}}'),
    secrets: ['json-auth-secret'],
    kept: ['headers'],
  },
  'a form-urlencoded body': {
    request: { method: 'GET', body: 'grant_type=authorization_code&code=form-secret&client_secret=form2-secret&redirect_uri=keepuri' },
    secrets: ['form-secret', 'form2-secret'],
    kept: ['redirect_uri=keepuri'],
  },
  'JSON with a typo': {
    request: { method: 'GET', body: '{"password": "typo-secret", "user": "typokeep",}' },
    secrets: ['typo-secret'],
    kept: ['typokeep'],
  },
  'an error message echoing the URL': {
    outcome: { kind: 'error', message: 'url: "https://x.example/?access_token=msg-secret" is not a valid URL.' },
    secrets: ['msg-secret'],
    kept: ['is not a valid URL'],
  },
  'a credential after a chain of ;-separated pairs': {
    request: { url: '/users/me/messages?a=1;b=2;c=3;access_token=semi-secret' },
    secrets: ['semi-secret'],
    kept: ['c=3'],
  },
  'a credential after a chain of ?-separated pairs': {
    request: { url: '/users/me/messages?a=1?b=2?c=3?access_token=qmark-secret' },
    secrets: ['qmark-secret'],
    kept: ['c=3'],
  },
  'a credential in a harmless value, and in a value nested in that': {
    request: { url: '/users/me/messages?state=access_token=d1-secret&q=a=access_token=d2-secret&r=a,access_token=comma-secret' },
    secrets: ['d1-secret', 'd2-secret', 'comma-secret'],
    kept: ['state=', 'q=a='],
  },
  'a credential nested deeper than the pairs are searched': {
    request: { url: '/users/me/messages?q=a=b=access_token=d3-secret&r=a=b=c=d=e=refresh_token=d6-secret' },
    secrets: ['d3-secret', 'd6-secret'],
    kept: ['q=a='],
  },
  'an encoded credential after a chain of %3B-separated pairs': {
    request: { url: '/users/me/messages?next=a%3D1%3Bb%3D2%3Bc%3D3%3Baccess_token%3Dencoded-secret' },
    secrets: ['encoded-secret'],
    kept: ['c%3D3'],
  },
};

function entry(shape: Shape): Omit<HistoryEntry, 'id'> {
  return {
    at: 1,
    connectionId: 'c1',
    service: 'google_gmail',
    account: 'ada@example.com',
    apiBaseUrl: 'https://gmail.googleapis.com/gmail/v1',
    request: { method: 'GET', url: '/users/me/profile', query: [], headers: [], body: '', ...shape.request },
    outcome: shape.outcome ?? { kind: 'response', status: 200, statusText: 'OK', durationMs: 1, sizeBytes: 2 },
  };
}

beforeEach(() => {
  localStorage.clear();
  useHistory.setState({ entries: [] });
});

describe('history redaction', () => {
  it('covers at least 30 shapes', () => {
    expect(Object.keys(SHAPES).length).toBeGreaterThanOrEqual(30);
  });

  it.each(Object.entries(SHAPES))('%s', (_name, shape) => {
    useHistory.getState().add(entry(shape));
    const stored = localStorage.getItem(HISTORY_KEY) ?? '';
    expect(stored).toContain('[redacted]');
    for (const secret of shape.secrets) expect(stored).not.toContain(secret);
    for (const kept of shape.kept) expect(stored).toContain(JSON.stringify(kept).slice(1, -1));
  });

  it('keeps a harmless request exactly as typed', () => {
    const request: RequestDraft = {
      method: 'POST',
      url: '/users/me/messages?q=from:ada&fields=id,threadId#top',
      query: rows(['maxResults', '10'], ['labelIds', 'INBOX'], ['pageSize', '5']),
      headers: rows(['Accept', 'application/json'], ['X-Request-Id', 'r-1'], ['Content-Type', 'application/json']),
      body: '{\n  "summary": "Lunch",\n  "attendees": [{ "email": "bob@example.com" }],\n  "n": 1.5\n}',
    };
    useHistory.getState().add({ ...entry({ secrets: [], kept: [] }), request });
    expect(useHistory.getState().entries[0]?.request).toEqual(request);
    expect(localStorage.getItem(HISTORY_KEY)).not.toContain('[redacted]');
  });

  it('redacts entries an older version stored, and writes them back', async () => {
    const old = { ...entry(SHAPES['X-Goog-Api-Key'] as Shape), id: 'old-1' };
    old.request.url = '/me?access_token=old-url-secret';
    localStorage.setItem(HISTORY_KEY, JSON.stringify([old, { id: 'broken', request: { url: 5 } }]));
    vi.resetModules();
    const fresh = await import('../../src-renderer/stores/history');
    expect(fresh.useHistory.getState().entries).toHaveLength(1);
    const stored = localStorage.getItem(HISTORY_KEY) ?? '';
    expect(stored).not.toContain('goog-key-secret');
    expect(stored).not.toContain('old-url-secret');
    expect(stored).toContain('old-1');
  });
});
