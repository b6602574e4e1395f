// Pure parts of the quick actions: URL mapping, body/response conversion, result mapping, paging
// detection, scope checks. The end-to-end behaviour through the real core is in actions.test.ts.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src-main/core/actions';
import { mapRequestUrl, readRequestBody, toResponse } from '../../src-main/core/actions/fetch-adapter';
import { mapEvent, mergeEvents } from '../../src-main/core/actions/google/calendar';
import { documentText, extractDocumentId } from '../../src-main/core/actions/google/docs';
import { mapFile } from '../../src-main/core/actions/google/drive';
import { buildRawMessage, decodeEntities, encodeHeaderText, mapMessage } from '../../src-main/core/actions/google/gmail';
import { itemsKeyOf, nextPageRequest, pageContainer } from '../../src-main/core/actions/paginate';
import { errorFromStatus, toCoreError } from '../../src-main/core/actions/provider-errors';
import { assertScopes, missingRequirements, requireAny } from '../../src-main/core/actions/scopes';
import { mapNowPlaying, mapPlaylist } from '../../src-main/core/actions/spotify';
import { CoreError } from '../../src-main/core/errors';
import type { ApiResponse, Connection } from '../../src-shared/types';

const LOOPBACK = 'http://127.0.0.1:4321';

function apiResponse(over: Partial<ApiResponse>): ApiResponse {
  return {
    status: 200,
    statusText: 'OK',
    headers: {},
    body: '',
    bodyEncoding: 'utf8',
    sizeBytes: 0,
    durationMs: 1,
    attempts: 1,
    refreshed: false,
    truncated: false,
    url: `${LOOPBACK}/x`,
    ...over,
  };
}

function connection(over: Partial<Connection>): Connection {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    service: 'google_gmail',
    provider: 'google',
    account: {},
    scopes: [],
    status: 'connected',
    tokenExpiresAt: null,
    lastAuthorizedAt: 0,
    lastRefreshedAt: null,
    health: { state: 'ok', message: 'Connected.' },
    createdAt: 0,
    updatedAt: 0,
    apiBaseUrl: `${LOOPBACK}/gmail/v1`,
    ...over,
  };
}

describe("mapRequestUrl: the SDKs' fixed bases onto the connection's", () => {
  it('makes URLs under the SDK base relative, with the query split out (repeated keys kept)', () => {
    const url = new URL(
      'https://gmail.googleapis.com/gmail/v1/users/me/messages/abc?format=metadata&metadataHeaders=From&metadataHeaders=Subject',
    );
    expect(mapRequestUrl(url, 'https://gmail.googleapis.com/gmail/v1', `${LOOPBACK}/gmail/v1`)).toEqual({
      url: '/users/me/messages/abc',
      query: { format: 'metadata', metadataHeaders: ['From', 'Subject'] },
    });
  });

  it("maps Spotify's root and keeps Docs' colon verbs in the path", () => {
    expect(mapRequestUrl(new URL('https://api.spotify.com/v1/me/player/pause'), 'https://api.spotify.com/v1/', `${LOOPBACK}/v1`).url).toBe(
      '/me/player/pause',
    );
    expect(
      mapRequestUrl(
        new URL('https://docs.googleapis.com/v1/documents/d1:batchUpdate'),
        'https://docs.googleapis.com/v1',
        `${LOOPBACK}/docs/v1`,
      ).url,
    ).toBe('/documents/d1:batchUpdate');
  });

  it("moves Drive's upload path (same host, outside the base) onto the connection's host", () => {
    const upload = new URL('https://www.googleapis.com/upload/drive/v3/files?uploadType=multipart');
    expect(mapRequestUrl(upload, 'https://www.googleapis.com/drive/v3', `${LOOPBACK}/drive/v3`)).toEqual({
      url: `${LOOPBACK}/upload/drive/v3/files`,
      query: { uploadType: 'multipart' },
    });
    // Against the real base it stays the real upload URL.
    expect(mapRequestUrl(upload, 'https://www.googleapis.com/drive/v3', 'https://www.googleapis.com/drive/v3').url).toBe(
      'https://www.googleapis.com/upload/drive/v3/files',
    );
  });

  it("leaves other hosts absolute for the core's allowlist to judge", () => {
    expect(mapRequestUrl(new URL('https://evil.example/steal'), 'https://api.spotify.com/v1', `${LOOPBACK}/v1`).url).toBe(
      'https://evil.example/steal',
    );
  });
});

describe('request bodies and responses', () => {
  it("reads strings, bytes, URLSearchParams and Node streams (gaxios' multipart) as text", async () => {
    expect(await readRequestBody('{"a":1}')).toBe('{"a":1}');
    expect(await readRequestBody(new TextEncoder().encode('héllo'))).toBe('héllo');
    expect(await readRequestBody(new URLSearchParams({ a: 'b c' }))).toBe('a=b+c');
    expect(await readRequestBody(Readable.from(['--b\r\n', Buffer.from('part'), '\r\n--b--']))).toBe('--b\r\npart\r\n--b--');
    expect(await readRequestBody(undefined)).toBeUndefined();
  });

  it('refuses binary bodies instead of corrupting them', async () => {
    await expect(readRequestBody(new Uint8Array([0xff, 0xfe, 0x00]))).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('decodes base64 bodies, drops wire headers, and gives 204 no body', async () => {
    const binary = toResponse(
      apiResponse({
        body: Buffer.from('{"ok":true}').toString('base64'),
        bodyEncoding: 'base64',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': '99' },
      }),
    );
    expect(await binary.json()).toEqual({ ok: true });
    expect(binary.headers.get('content-encoding')).toBeNull();
    expect(binary.headers.get('content-length')).toBeNull();
    const empty = toResponse(apiResponse({ status: 204, statusText: 'No Content' }));
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');
  });

  it('refuses a truncated answer rather than letting a client parse half of it', () => {
    expect(() => toResponse(apiResponse({ truncated: true }))).toThrow(CoreError);
  });
});

describe('provider errors', () => {
  it("reads Google's and Spotify's error bodies into coded errors", () => {
    const scope = errorFromStatus(
      403,
      { error: { code: 403, message: 'Request had insufficient authentication scopes.', errors: [{ reason: 'insufficientPermissions' }] } },
      'Gmail',
    );
    expect(scope).toMatchObject({ code: 'access_denied' });
    expect(scope.message).toContain('insufficient authentication scopes');
    expect(
      errorFromStatus(
        404,
        { error: { status: 404, message: 'Player command failed: No active device found', reason: 'NO_ACTIVE_DEVICE' } },
        'Spotify',
      ).message,
    ).toContain('No Spotify device is active');
    expect(
      errorFromStatus(
        403,
        { error: { status: 403, message: 'Player command failed: Premium required', reason: 'PREMIUM_REQUIRED' } },
        'Spotify',
      ).message,
    ).toContain('Premium');
    expect(errorFromStatus(429, '', 'Spotify').code).toBe('provider_error');
  });

  it('finds the CoreError a client wrapped', () => {
    const inner = new CoreError('host_not_allowed', 'nope');
    expect(toCoreError(new Error('wrapped', { cause: inner }), 'Gmail')).toBe(inner);
    expect(toCoreError({ response: { status: 404, data: { error: { message: 'File not found: x.' } } } }, 'Google Drive')).toMatchObject({
      code: 'not_found',
    });
  });
});

describe('scopes', () => {
  it('accepts any of the alternatives, in short or full form', () => {
    const needs = [requireAny('gmail.readonly', 'gmail.modify')];
    expect(missingRequirements(['https://www.googleapis.com/auth/gmail.modify'], needs)).toEqual([]);
    expect(missingRequirements(['https://www.googleapis.com/auth/gmail.send'], needs)).toEqual(needs);
  });

  it('names the missing scope and says to reconnect', () => {
    const run = () =>
      assertScopes(
        connection({ scopes: ['https://www.googleapis.com/auth/gmail.readonly'] }),
        [requireAny('gmail.send', 'gmail.modify')],
        'Send a message to myself',
      );
    expect(run).toThrow(/https:\/\/www\.googleapis\.com\/auth\/gmail\.send/);
    expect(run).toThrow(/Reconnect/);
  });
});

describe('result mapping', () => {
  it("maps a Gmail metadata message, decoding the snippet's entities", () => {
    const row = mapMessage({
      id: '18c1',
      threadId: '18c1',
      labelIds: ['UNREAD', 'INBOX'],
      snippet: 'It&#39;s &amp; done',
      internalDate: '1700000000000',
      payload: {
        headers: [
          { name: 'From', value: 'Ada <ada@example.com>' },
          { name: 'Subject', value: 'Hi' },
          { name: 'Date', value: 'Tue, 14 Nov 2023 22:13:20 +0000' },
        ],
      },
    });
    expect(row).toEqual({
      id: '18c1',
      from: 'Ada <ada@example.com>',
      subject: 'Hi',
      date: '2023-11-14T22:13:20.000Z',
      snippet: "It's & done",
      unread: true,
    });
    expect(decodeEntities('&lt;b&gt; &#x41; &unknown;')).toBe('<b> A &unknown;');
  });

  it('builds an RFC 2822 message as base64url, encoding non-ASCII subjects (RFC 2047)', () => {
    const raw = buildRawMessage({
      to: 'ada@example.com',
      subject: 'Grüße',
      text: 'line 1\nline 2',
      date: new Date(Date.UTC(2026, 10, 23, 12)),
    });
    expect(raw).not.toMatch(/[+/=]/);
    const message = Buffer.from(raw, 'base64url').toString('utf8');
    const [head = '', body = ''] = message.split('\r\n\r\n');
    expect(head.split('\r\n')).toEqual([
      'From: ada@example.com',
      'To: ada@example.com',
      `Subject: ${encodeHeaderText('Grüße')}`,
      'Date: Mon, 23 Nov 2026 12:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset="UTF-8"',
      'Content-Transfer-Encoding: base64',
    ]);
    expect(encodeHeaderText('Grüße')).toBe('=?UTF-8?B?R3LDvMOfZQ==?=');
    expect(Buffer.from(body, 'base64').toString('utf8')).toBe('line 1\r\nline 2');
  });

  it('merges events across calendars soonest first, all-day events at midnight UTC', () => {
    const work = { id: 'work', summary: 'Work' };
    const home = { id: 'home', summary: 'Home', summaryOverride: 'Family' };
    const merged = mergeEvents(
      [
        [{ event: { id: 'a', start: { dateTime: '2026-11-24T10:00:00Z' } }, calendar: work }],
        [
          { event: { id: 'b', start: { date: '2026-11-24' }, end: { date: '2026-11-25' } }, calendar: home },
          { event: { id: 'c', start: { dateTime: '2026-11-25T09:00:00+01:00' } }, calendar: home },
        ],
      ],
      2,
    );
    expect(merged.map(({ event }) => event.id)).toEqual(['b', 'a']);
    expect(mapEvent(merged[0]!)).toMatchObject({
      start: '2026-11-24',
      allDay: true,
      calendar: 'Family',
      summary: '(no title)',
      location: null,
    });
  });

  it('maps Drive files with int64 sizes as numbers and folders without size', () => {
    expect(mapFile({ id: 'f1', name: 'a.txt', mimeType: 'text/plain', size: '12', owners: [{ displayName: 'Ada' }] })).toMatchObject({
      size: 12,
      owner: 'Ada',
      link: null,
    });
    expect(mapFile({ id: 'f2', name: 'Folder', mimeType: 'application/vnd.google-apps.folder' }).size).toBeNull();
  });

  it("reads a document's text from paragraphs and table cells, and IDs from links", () => {
    const text = documentText({
      body: {
        content: [
          { sectionBreak: {} },
          { paragraph: { elements: [{ textRun: { content: 'Title\n' } }], paragraphStyle: { namedStyleType: 'TITLE' } } },
          { table: { tableRows: [{ tableCells: [{ content: [{ paragraph: { elements: [{ textRun: { content: 'cell\n' } }] } }] }] }] } },
          { paragraph: { elements: [{ textRun: { content: 'Bold ' } }, { textRun: { content: 'end\n' } }] } },
        ],
      },
    });
    expect(text).toBe('Title\ncell\nBold end');
    expect(extractDocumentId('https://docs.google.com/document/d/1AbC_dEf-123/edit?tab=t.0')).toBe('1AbC_dEf-123');
    expect(extractDocumentId('1AbC_dEf-123456')).toBe('1AbC_dEf-123456');
    expect(() => extractDocumentId('not an id')).toThrow(CoreError);
  });

  it('maps Spotify now playing (nothing playing is no rows) and playlists (either track-count name)', () => {
    expect(mapNowPlaying(null)).toEqual([]);
    const playlist = {
      name: 'Mix',
      owner: { display_name: 'Ada', id: 'ada' },
      tracks: { href: '', total: 12 },
      public: false,
      collaborative: false,
      id: 'p1',
      external_urls: { spotify: 'https://open.spotify.com/playlist/p1' },
    };
    expect(mapPlaylist(playlist as never)).toMatchObject({ name: 'Mix', owner: 'Ada', tracks: 12, public: false });
    expect(mapPlaylist({ ...playlist, tracks: null, items: { total: 3 } } as never).tracks).toBe(3);
  });
});

describe('paging detection', () => {
  const spotify = connection({ service: 'spotify', provider: 'spotify', apiBaseUrl: `${LOOPBACK}/v1` });

  it('finds the item array by known key, or the only array', () => {
    expect(itemsKeyOf({ files: [], nextPageToken: 'x' })).toBe('files');
    expect(itemsKeyOf({ messages: [], resultSizeEstimate: 3 })).toBe('messages');
    expect(itemsKeyOf({ widgets: [], other: 1 })).toBe('widgets');
    expect(itemsKeyOf({ a: [], b: [] })).toBeNull();
    expect(pageContainer({ artists: { items: [], next: null } })?.prefix).toBe('artists');
  });

  it("follows Google's nextPageToken with the first request's query and Spotify's next mapped onto the base", () => {
    const first = { url: '/files', query: { pageSize: '10' } };
    expect(nextPageRequest({ files: [], nextPageToken: 't2' }, first, first, connection({ service: 'google_drive' }))).toEqual({
      url: '/files',
      query: { pageSize: '10', pageToken: 't2' },
    });
    expect(nextPageRequest({ files: [] }, first, first, connection({ service: 'google_drive' }))).toBeNull();
    const page = { url: '/me/playlists' };
    expect(nextPageRequest({ items: [], next: 'https://api.spotify.com/v1/me/playlists?offset=20&limit=20' }, page, page, spotify)).toEqual(
      { url: '/me/playlists', query: { offset: '20', limit: '20' } },
    );
    expect(nextPageRequest({ items: [], next: null }, page, page, spotify)).toBeNull();
  });
});

describe('registry', () => {
  it('describes every action with a JSON Schema, scopes, and unique ids', () => {
    const ids = ACTIONS.map((action) => action.descriptor.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { descriptor } of ACTIONS) {
      expect(descriptor.params).toMatchObject({ type: 'object' });
      expect(descriptor.scopes.length).toBeGreaterThan(0);
    }
    expect(
      ACTIONS.filter((a) => a.descriptor.writes)
        .map((a) => a.descriptor.id)
        .sort(),
    ).toEqual([
      'calendar.create_event',
      'docs.create_with_text',
      'drive.upload_text',
      'gmail.send_to_self',
      'spotify.next',
      'spotify.pause',
      'spotify.resume',
    ]);
  });
});
