// Google quick actions end to end: a real core, connected through the system-browser flow to an
// oidc-provider peer, whose resource server answers like Gmail, Calendar, Drive and Docs. Each
// test asserts what the official client sent (path, method, query, body) and how the answer maps.
import { afterEach, describe, expect, it } from 'vitest';
import { removeAllTempDirs } from '../support/temp-dir';
import { errorOf } from './harness';
import { G, bearerOf, connect, only, runAction, startGoogle, type GoogleSetup } from './actions-harness';

let s: GoogleSetup | undefined;
afterEach(async () => {
  await s?.h.close();
  s = undefined;
  removeAllTempDirs();
});

const PLACEHOLDER = 'junction-core-adds-authorization';

describe('actions.list', () => {
  it("describes each Google service's actions with a params schema, writes and scopes", async () => {
    s = await startGoogle();
    const gmail = await s.h.core.invoke('actions.list', { service: 'google_gmail' });
    expect(gmail.map((a) => [a.id, a.writes])).toEqual([
      ['gmail.latest_messages', false],
      ['gmail.send_to_self', true],
    ]);
    expect(gmail[0]?.params).toMatchObject({ type: 'object', properties: { maxResults: { type: 'integer', default: 10 } } });
    expect(gmail[1]?.scopes[0]?.[0]).toBe('gmail.send');
    for (const service of ['google_calendar', 'google_drive', 'google_docs'] as const) {
      expect((await s.h.core.invoke('actions.list', { service })).length).toBe(2);
    }
  });
});

describe('Gmail', () => {
  it('latest messages: one list, then a metadata get per message, mapped to from/subject/date/snippet', async () => {
    s = await startGoogle();
    const connection = await connect(s.h, 'google_gmail');
    const result = await runAction(s.h, connection, 'gmail.latest_messages', { maxResults: 3, query: 'in:inbox' });

    const list = only(s.api.callsTo('GET', '/gmail/v1/users/me/messages'));
    expect(Object.fromEntries(list.query)).toEqual({ maxResults: '3', q: 'in:inbox' });
    const gets = s.api.callsTo('GET', /^\/gmail\/v1\/users\/me\/messages\/[^/]+$/);
    expect(gets.map((call) => call.path.split('/').pop())).toEqual(s.api.state.messages.slice(0, 3).map((m) => m.id));
    for (const get of gets) {
      expect(get.query.get('format')).toBe('metadata');
      expect(get.query.getAll('metadataHeaders')).toEqual(['From', 'Subject', 'Date']);
    }
    // The core put the connection's live token on every call; the client's placeholder never left.
    const tokens = new Set(s.api.calls.map(bearerOf));
    expect(tokens.size).toBe(1);
    expect([...tokens][0]).not.toBe(PLACEHOLDER);
    expect(s.h.peer.api.seenTokens.has(PLACEHOLDER)).toBe(false);

    const first = s.api.state.messages[0]!;
    expect(result).toMatchObject({ actionId: 'gmail.latest_messages', service: 'google_gmail', requests: 4, refreshed: false });
    expect(result.columns.map((c) => c.key)).toEqual(['from', 'subject', 'date', 'snippet', 'unread', 'id']);
    expect(result.rows[0]).toEqual({
      id: first.id,
      from: 'Charles Babbage <charles@example.org>',
      subject: 'Engine demo',
      date: new Date(Number(first.internalDate)).toISOString(),
      snippet: "Don't forget: the analytical engine demo is at 3pm & bring notes.",
      unread: true,
    });
    expect(result.rows[1]).toMatchObject({ subject: 'Update 1', unread: false });
    expect(result.summary).toBe('3 messages of about 7');
    // Each request, as the console would send it again (History lists them under the action's name).
    expect(result.calls?.map((c) => [c.method, c.url, c.status])).toEqual([
      ['GET', '/users/me/messages', 200],
      ...s.api.state.messages.slice(0, 3).map((m) => ['GET', `/users/me/messages/${m.id}`, 200]),
    ]);
    expect(result.calls?.[0]?.query).toEqual({ maxResults: '3', q: 'in:inbox' });
    expect(JSON.stringify(result.calls)).not.toMatch(/authorization|bearer/i);
  });

  it("send to myself: POST messages/send with an RFC 2822 message in base64url `raw`, To the account's address", async () => {
    s = await startGoogle();
    // Gmail is read-only by default: sending is the optional scope the person ticks.
    const connection = await connect(s.h, 'google_gmail', [`${G}gmail.send`]);
    const result = await runAction(s.h, connection, 'gmail.send_to_self', { subject: 'Notiz für mich', text: 'Hello\nfrom the test' });

    const call = only(s.api.callsTo('POST', '/gmail/v1/users/me/messages/send'));
    expect(call.headers['content-type']).toMatch(/^application\/json/);
    const raw = (call.json as { raw: string }).raw;
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    const message = Buffer.from(raw, 'base64url').toString('utf8');
    const [head = '', body = ''] = message.split('\r\n\r\n');
    expect(head).toContain('To: ada@example.com\r\n');
    expect(head).toContain(`Subject: =?UTF-8?B?${Buffer.from('Notiz für mich').toString('base64')}?=`);
    expect(head).toContain('Content-Type: text/plain; charset="UTF-8"');
    expect(Buffer.from(body, 'base64').toString('utf8')).toBe('Hello\r\nfrom the test');
    expect(s.api.state.sent).toHaveLength(1);
    expect(result.calls).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/users/me/messages/send',
        headers: { 'content-type': expect.stringMatching(/^application\/json/) as unknown },
        body: JSON.stringify({ raw }),
        status: 200,
      }),
    ]);
    expect(result.rows).toEqual([
      { to: 'ada@example.com', subject: 'Notiz für mich', id: s.api.state.sent[0]!.id, threadId: s.api.state.sent[0]!.id, labels: 'SENT' },
    ]);
  });

  it('a connection without a needed scope fails naming it, before any request', async () => {
    s = await startGoogle();
    s.h.peer.grantOnlyNext([`${G}gmail.readonly`]);
    const connection = await connect(s.h, 'google_gmail');
    expect(connection.scopes).not.toContain(`${G}gmail.send`);
    const error = await errorOf(runAction(s.h, connection, 'gmail.send_to_self', {}));
    expect(error.code).toBe('access_denied');
    expect(error.message).toContain(`${G}gmail.send`);
    expect(error.message).toMatch(/reconnect/i);
    expect(s.api.callsTo('POST', '/gmail/v1/users/me/messages/send')).toEqual([]);
    // What it was granted still works.
    expect((await runAction(s.h, connection, 'gmail.latest_messages', { maxResults: 1 })).rows).toHaveLength(1);
  });

  it('with an expired access token: refreshes once, then succeeds', async () => {
    s = await startGoogle();
    const connection = await connect(s.h, 'google_gmail');
    expect(s.h.peer.expireAccessTokens()).toBeGreaterThan(0);
    const result = await runAction(s.h, connection, 'gmail.latest_messages', { maxResults: 4 });
    expect(result.rows).toHaveLength(4);
    expect(result.refreshed).toBe(true);
    expect(s.h.peer.stats.token.refresh_token).toBe(1);
    expect(s.h.peer.stats.refreshesByAccount().get(connection.account.id ?? '')).toBe(1);
    // The list was refused once (401), replayed with the new token, and the gets used it too.
    const listCalls = s.h.peer.api.requests.filter((r) => r.path === '/gmail/v1/users/me/messages');
    expect(listCalls.map((r) => r.status)).toEqual([401, 200]);
  });

  it('an action run with a requestId stops on api.cancel', async () => {
    s = await startGoogle();
    const connection = await connect(s.h, 'google_gmail');
    s.h.peer.api.next('/gmail/v1/users/me/messages', [{ delayMs: 5_000 }]);
    const started = Date.now();
    const running = errorOf(runAction(s.h, connection, 'gmail.latest_messages', {}, 'gmail-run'));
    // Wait until the list request is at the peer, then cancel it.
    while (s.h.peer.api.count('/gmail/v1/users/me/messages') === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await s.h.core.invoke('api.cancel', { requestId: 'gmail-run' })).toEqual({ cancelled: true });
    expect((await running).code).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(s.api.callsTo('GET', /^\/gmail\/v1\/users\/me\/messages\/[^/]+$/)).toEqual([]);
  });

  it('refuses bad params, unknown actions and actions of another service with coded errors', async () => {
    s = await startGoogle();
    // Gmail is read-only by default: sending is the optional scope the person ticks.
    const connection = await connect(s.h, 'google_gmail', [`${G}gmail.send`]);
    expect(await errorOf(runAction(s.h, connection, 'gmail.latest_messages', { maxResults: 500 }))).toMatchObject({
      code: 'invalid_input',
    });
    expect(await errorOf(runAction(s.h, connection, 'gmail.send_to_self', { subject: 'a\r\nBcc: x@example.com' }))).toMatchObject({
      code: 'invalid_input',
    });
    expect(await errorOf(runAction(s.h, connection, 'gmail.nope'))).toMatchObject({ code: 'not_found' });
    expect(await errorOf(runAction(s.h, connection, 'drive.recent_files'))).toMatchObject({ code: 'invalid_input' });
    expect(s.api.calls).toEqual([]);
  });
});

describe('Calendar', () => {
  it('next events: the calendar list, then events.list per calendar (ids encoded), merged soonest first', async () => {
    s = await startGoogle();
    const connection = await connect(s.h, 'google_calendar');
    const before = Date.now();
    const result = await runAction(s.h, connection, 'calendar.next_events', { maxResults: 10, days: 14 });

    only(s.api.callsTo('GET', '/calendar/v3/users/me/calendarList'));
    const lists = s.api.callsTo('GET', /^\/calendar\/v3\/calendars\/[^/]+\/events$/);
    expect(lists.map((call) => call.path).sort()).toEqual([
      '/calendar/v3/calendars/ada%40example.com/events',
      '/calendar/v3/calendars/c_1a2b3c4d5e%40group.calendar.google.com/events',
      '/calendar/v3/calendars/en.uk%23holiday%40group.v.calendar.google.com/events',
    ]);
    for (const call of lists) {
      expect(call.query.get('singleEvents')).toBe('true');
      expect(call.query.get('orderBy')).toBe('startTime');
      expect(call.query.get('maxResults')).toBe('10');
      const timeMin = Date.parse(call.query.get('timeMin') ?? '');
      expect(timeMin).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(call.query.get('timeMax') ?? '') - timeMin).toBe(14 * 24 * 3_600_000);
    }
    expect(result.rows.map((row) => [row.summary, row.calendar, row.allDay])).toEqual([
      ['Design review', 'Team', false],
      ['Standup', 'ada@example.com', false],
      ['Team offsite', 'ada@example.com', true],
      ["St Andrew's Day", 'Holidays in United Kingdom', true],
    ]);
    expect(result.rows[1]).toMatchObject({
      location: 'Room 1',
      link: expect.stringMatching(/^https:\/\/www\.google\.com\/calendar\/event\?eid=/),
    });
    expect(result.summary).toBe('4 events from 3 calendars');
  });

  it('create an event: POST events on the primary calendar with start and the computed end', async () => {
    s = await startGoogle();
    const connection = await connect(s.h, 'google_calendar');
    const result = await runAction(s.h, connection, 'calendar.create_event', {
      summary: 'Tea',
      start: '2026-12-01T15:00:00+01:00',
      durationMinutes: 45,
      location: 'Kitchen',
    });
    const call = only(s.api.callsTo('POST', '/calendar/v3/calendars/primary/events'));
    expect(call.json).toEqual({
      summary: 'Tea',
      start: { dateTime: '2026-12-01T15:00:00+01:00' },
      end: { dateTime: '2026-12-01T14:45:00.000Z' },
      location: 'Kitchen',
    });
    expect(result.rows).toEqual([
      expect.objectContaining({
        summary: 'Tea',
        start: '2026-12-01T15:00:00+01:00',
        end: '2026-12-01T14:45:00.000Z',
        location: 'Kitchen',
        allDay: false,
        calendar: 'ada@example.com',
      }),
    ]);
    expect(s.api.state.calendars[0]?.events.some((e) => e.summary === 'Tea')).toBe(true);
  });
});

describe('Drive', () => {
  it('recent files: files.list ordered by modifiedTime with the fields the table shows', async () => {
    s = await startGoogle();
    const connection = await connect(s.h, 'google_drive');
    const result = await runAction(s.h, connection, 'drive.recent_files', { pageSize: 5 });
    const call = only(s.api.callsTo('GET', '/drive/v3/files'));
    expect(Object.fromEntries(call.query)).toEqual({
      pageSize: '5',
      orderBy: 'modifiedTime desc',
      q: 'trashed = false',
      fields: 'nextPageToken, files(id, name, mimeType, modifiedTime, size, webViewLink, owners(displayName))',
    });
    expect(result.rows).toHaveLength(5);
    expect(result.rows[0]).toMatchObject({
      name: 'Folder 0',
      mimeType: 'application/vnd.google-apps.folder',
      size: null,
      owner: 'Ada Lovelace',
    });
    expect(result.rows[1]).toMatchObject({ name: 'notes-1.txt', size: 101, link: expect.stringContaining('/file/d/') });
    expect(result.summary).toBe('5 files, more available');
  });

  it('upload a text file: a multipart upload to /upload/drive/v3/files (metadata part, then the text)', async () => {
    s = await startGoogle();
    const connection = await connect(s.h, 'google_drive');
    const result = await runAction(s.h, connection, 'drive.upload_text', { name: 'hello.txt', text: 'Hello, Drive — ünïcödé\n' });
    const call = only(s.api.callsTo('POST', '/upload/drive/v3/files'));
    expect(call.query.get('uploadType')).toBe('multipart');
    expect(call.headers['content-type']).toMatch(/^multipart\/related; boundary=/);
    expect(s.api.state.uploads).toEqual([
      { metadata: { name: 'hello.txt', mimeType: 'text/plain' }, contentType: 'text/plain', content: 'Hello, Drive — ünïcödé\n' },
    ]);
    expect(bearerOf(call)).not.toBe(PLACEHOLDER);
    expect(result.rows).toEqual([
      expect.objectContaining({ name: 'hello.txt', mimeType: 'text/plain', size: Buffer.byteLength('Hello, Drive — ünïcödé\n') }),
    ]);
  });
});

describe('Docs', () => {
  it('create with text: documents.create with the title, then one batchUpdate inserting at index 1', async () => {
    s = await startGoogle();
    const connection = await connect(s.h, 'google_docs');
    const result = await runAction(s.h, connection, 'docs.create_with_text', { title: 'Plan', text: 'Plan\nStep one' });
    expect(only(s.api.callsTo('POST', '/docs/v1/documents')).json).toEqual({ title: 'Plan' });
    const [document] = [...s.api.state.documents.values()];
    const update = only(s.api.callsTo('POST', `/docs/v1/documents/${document!.documentId}:batchUpdate`));
    expect(update.json).toEqual({ requests: [{ insertText: { location: { index: 1 }, text: 'Plan\nStep one' } }] });
    expect(document!.text).toBe('Plan\nStep one\n');
    expect(result.rows).toEqual([
      { title: 'Plan', characters: 13, link: `https://docs.google.com/document/d/${document!.documentId}/edit`, id: document!.documentId },
    ]);
  });

  it('read text: documents.get by ID or link, one row per paragraph', async () => {
    s = await startGoogle();
    const connection = await connect(s.h, 'google_docs');
    s.api.state.documents.set('1ExistingDocAbCdEfGh', {
      documentId: '1ExistingDocAbCdEfGh',
      title: 'Notes',
      text: 'Heading\nFirst line\nSecond line\n',
      revision: 3,
    });
    const result = await runAction(s.h, connection, 'docs.read_text', {
      document: 'https://docs.google.com/document/d/1ExistingDocAbCdEfGh/edit?tab=t.0',
    });
    only(s.api.callsTo('GET', '/docs/v1/documents/1ExistingDocAbCdEfGh'));
    expect(result.rows).toEqual([
      { index: 1, style: 'HEADING_1', text: 'Heading' },
      { index: 2, style: 'NORMAL_TEXT', text: 'First line' },
      { index: 3, style: 'NORMAL_TEXT', text: 'Second line' },
    ]);
    expect(result.summary).toBe('"Notes": 3 paragraphs, 30 characters');
    expect(await errorOf(runAction(s.h, connection, 'docs.read_text', { document: '1MissingDocAbCdEfGhIj' }))).toMatchObject({
      code: 'not_found',
    });
  });
});
