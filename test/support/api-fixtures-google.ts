// Gmail, Calendar, Drive and Docs answers in the shapes of their v1/v3 references. Routes demand
// the scopes the real methods accept (any one of them), so a token without one gets Google's 403.
import { apiErrorBody } from './api-errors';
import type { FixtureRouter } from './api-fixtures';
import { installDocsFixtures, type FixtureDocument } from './api-fixtures-docs';
import type { PeerAccount } from './resource-server';

const G = 'https://www.googleapis.com/auth/';
const scopes = (...names: string[]) => ({ scopes: names.map((name) => (name.startsWith('https://') ? name : G + name)) });
const MAIL = 'https://mail.google.com/';

export interface FixtureMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  snippet: string;
  internalDate: string;
  headers: { name: string; value: string }[];
}

export interface FixtureEvent {
  id: string;
  summary: string;
  /** ISO instant for timed events, or YYYY-MM-DD for all-day ones. */
  start: string;
  end: string;
  location?: string;
}

export interface FixtureCalendar {
  id: string;
  summary: string;
  accessRole: 'owner' | 'reader';
  primary?: boolean;
  events: FixtureEvent[];
}

export interface DriveFixtureFile {
  id: string;
  name: string;
  mimeType: string;
  modifiedTime: string;
  size?: string;
}

export interface GoogleFixtureState {
  messages: FixtureMessage[];
  sent: { id: string; raw: string }[];
  calendars: FixtureCalendar[];
  files: DriveFixtureFile[];
  uploads: { metadata: unknown; contentType: string; content: string }[];
  documents: Map<string, FixtureDocument>;
}

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);

function seed(account: PeerAccount, now: number): GoogleFixtureState {
  const messages: FixtureMessage[] = Array.from({ length: 7 }, (_, i) => ({
    id: `18c${(0xa000 + i).toString(16)}f00d`,
    threadId: `18c${(0xa000 + i).toString(16)}f00d`,
    labelIds: i % 2 === 0 ? ['UNREAD', 'IMPORTANT', 'CATEGORY_PERSONAL', 'INBOX'] : ['CATEGORY_UPDATES', 'INBOX'],
    snippet:
      i === 0
        ? 'Don&#39;t forget: the analytical engine demo is at 3pm &amp; bring notes.'
        : `Message number ${i} from the fixture mailbox`,
    internalDate: String(now - i * HOUR),
    headers: [
      { name: 'Delivered-To', value: account.email },
      { name: 'Date', value: new Date(now - i * HOUR).toUTCString().replace('GMT', '+0000') },
      { name: 'From', value: i === 0 ? 'Charles Babbage <charles@example.org>' : `Sender ${i} <sender${i}@example.org>` },
      { name: 'To', value: account.email },
      { name: 'Subject', value: i === 0 ? 'Engine demo' : `Update ${i}` },
    ],
  }));
  const calendars: FixtureCalendar[] = [
    {
      id: account.email,
      summary: account.email,
      accessRole: 'owner',
      primary: true,
      events: [
        { id: 'standup20261124', summary: 'Standup', start: iso(now + 26 * HOUR), end: iso(now + 26.25 * HOUR), location: 'Room 1' },
        { id: 'past1', summary: 'Already over', start: iso(now - 5 * HOUR), end: iso(now - 4 * HOUR) },
        { id: 'offsite', summary: 'Team offsite', start: day(now + 72 * HOUR), end: day(now + 96 * HOUR) },
      ],
    },
    {
      id: 'c_1a2b3c4d5e@group.calendar.google.com',
      summary: 'Team',
      accessRole: 'owner',
      events: [{ id: 'review1', summary: 'Design review', start: iso(now + 2 * HOUR), end: iso(now + 3 * HOUR) }],
    },
    {
      id: 'en.uk#holiday@group.v.calendar.google.com',
      summary: 'Holidays in United Kingdom',
      accessRole: 'reader',
      events: [{ id: '20261130_st_andrews', summary: "St Andrew's Day", start: day(now + 7 * 24 * HOUR), end: day(now + 8 * 24 * HOUR) }],
    },
  ];
  const files: DriveFixtureFile[] = Array.from({ length: 25 }, (_, i) => ({
    id: `1file${String(i).padStart(2, '0')}AbCdEfGhIjKlMn`,
    name: i % 5 === 0 ? `Folder ${i}` : `notes-${i}.txt`,
    mimeType: i % 5 === 0 ? 'application/vnd.google-apps.folder' : 'text/plain',
    modifiedTime: iso(now - i * HOUR),
    ...(i % 5 === 0 ? {} : { size: String(100 + i) }),
  }));
  return { messages, sent: [], calendars, files, uploads: [], documents: new Map() };
}

function eventResource(calendar: FixtureCalendar, event: FixtureEvent, owner: string): Record<string, unknown> {
  const allDay = event.start.length === 10;
  const when = (value: string) => (allDay ? { date: value } : { dateTime: value, timeZone: 'Europe/London' });
  return {
    kind: 'calendar#event',
    etag: '"3412345678901234"',
    id: event.id,
    status: 'confirmed',
    htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${event.id} ${calendar.id}`).toString('base64url')}`,
    created: '2026-11-01T10:00:00.000Z',
    updated: '2026-11-01T10:00:00.000Z',
    summary: event.summary,
    ...(event.location ? { location: event.location } : {}),
    creator: { email: owner, self: calendar.primary === true },
    organizer: calendar.primary
      ? { email: owner, self: true }
      : { email: calendar.id, displayName: calendar.summary, self: calendar.accessRole === 'owner' },
    start: when(event.start),
    end: when(event.end),
    iCalUID: `${event.id}@google.com`,
    sequence: 0,
    reminders: { useDefault: true },
    eventType: 'default',
  };
}

function fileResource(file: DriveFixtureFile, account: PeerAccount): Record<string, unknown> {
  return {
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
    modifiedTime: file.modifiedTime,
    ...(file.size === undefined ? {} : { size: file.size }),
    webViewLink: file.mimeType.endsWith('folder')
      ? `https://drive.google.com/drive/folders/${file.id}`
      : `https://drive.google.com/file/d/${file.id}/view?usp=drivesdk`,
    owners: [{ kind: 'drive#user', displayName: account.name, me: true, permissionId: `perm-${account.sub}`, emailAddress: account.email }],
  };
}

/** Page `items` by `pageSize` and a numeric page token, as Google's list methods do. */
function page<T>(items: T[], size: number, token: string | null): { slice: T[]; next?: string } {
  const start = token ? Number(token) : 0;
  const end = start + size;
  return { slice: items.slice(start, end), ...(end < items.length ? { next: String(end) } : {}) };
}

/** Splits a multipart/related body (Drive's multipart upload) into its parts. */
export function parseMultipart(contentType: string | undefined, body: string): { contentType: string; body: string }[] {
  const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2];
  if (!boundary) return [];
  return body
    .split(`--${boundary}`)
    .slice(1)
    .filter((part) => !part.startsWith('--'))
    .map((part) => {
      const trimmed = part.replace(/^\r\n/, '').replace(/\r\n$/, '');
      const split = trimmed.indexOf('\r\n\r\n');
      const head = split === -1 ? '' : trimmed.slice(0, split);
      const content = split === -1 ? trimmed : trimmed.slice(split + 4);
      return { contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() ?? '', body: content };
    });
}

export function installGoogleFixtures(router: FixtureRouter, account: PeerAccount): GoogleFixtureState {
  const state = seed(account, Date.now());
  const readMail = scopes('gmail.readonly', 'gmail.modify', 'gmail.metadata', MAIL);

  router.route(
    'GET',
    '/gmail/v1/users/:userId/messages',
    ({ query }) => {
      const { slice, next } = page(state.messages, Math.min(Number(query.get('maxResults') ?? 100), 500), query.get('pageToken'));
      return {
        json: {
          messages: slice.map(({ id, threadId }) => ({ id, threadId })),
          ...(next ? { nextPageToken: next } : {}),
          resultSizeEstimate: state.messages.length,
        },
      };
    },
    readMail,
  );

  router.route(
    'GET',
    '/gmail/v1/users/:userId/messages/:id',
    ({ params, query }) => {
      const message = state.messages.find((candidate) => candidate.id === params.id);
      if (!message) return { status: 404, json: apiErrorBody('google', 404) };
      const wanted = query.getAll('metadataHeaders').map((name) => name.toLowerCase());
      const headers =
        query.get('format') === 'metadata' && wanted.length > 0
          ? message.headers.filter((h) => wanted.includes(h.name.toLowerCase()))
          : message.headers;
      return {
        json: {
          id: message.id,
          threadId: message.threadId,
          labelIds: message.labelIds,
          snippet: message.snippet,
          payload: { partId: '', mimeType: 'multipart/alternative', filename: '', headers },
          sizeEstimate: 5234,
          historyId: '4321987',
          internalDate: message.internalDate,
        },
      };
    },
    readMail,
  );

  router.route(
    'POST',
    '/gmail/v1/users/:userId/messages/send',
    ({ body }) => {
      const raw = (JSON.parse(body) as { raw?: string }).raw;
      if (!raw)
        return {
          status: 400,
          json: apiErrorBody('google', 400, "'raw' RFC822 payload message string or uploading message via /upload/* URL required"),
        };
      const id = `18d${(0xb000 + state.sent.length).toString(16)}beef`;
      state.sent.push({ id, raw });
      return { json: { id, threadId: id, labelIds: ['SENT'] } };
    },
    scopes('gmail.send', 'gmail.compose', 'gmail.modify', MAIL),
  );

  router.route(
    'GET',
    '/calendar/v3/users/me/calendarList',
    () => ({
      json: {
        kind: 'calendar#calendarList',
        etag: '"p32ofplf5q6gf20g"',
        nextSyncToken: 'CPDAlvWDx70CEhBhZGFAZXhhbXBsZS5jb20=',
        items: state.calendars.map((calendar, index) => ({
          kind: 'calendar#calendarListEntry',
          etag: `"16${index}0000000000000"`,
          id: calendar.id,
          summary: calendar.summary,
          timeZone: 'Europe/London',
          colorId: String(index + 14),
          backgroundColor: '#9fe1e7',
          foregroundColor: '#000000',
          selected: true,
          accessRole: calendar.accessRole,
          defaultReminders: calendar.primary ? [{ method: 'popup', minutes: 10 }] : [],
          ...(calendar.primary
            ? {
                primary: true,
                notificationSettings: { notifications: [{ type: 'eventCreation', method: 'email' }] },
                conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
              }
            : {}),
        })),
      },
    }),
    scopes('calendar.readonly', 'calendar', 'calendar.calendarlist.readonly'),
  );

  router.route(
    'GET',
    '/calendar/v3/calendars/:calendarId/events',
    ({ params, query }) => {
      const calendar = state.calendars.find((candidate) => candidate.id === params.calendarId);
      if (!calendar) return { status: 404, json: apiErrorBody('google', 404, 'Not Found') };
      const from = Date.parse(query.get('timeMin') ?? '1970-01-01T00:00:00Z');
      const to = Date.parse(query.get('timeMax') ?? '9999-12-31T00:00:00Z');
      const startMs = (event: FixtureEvent) => Date.parse(event.start.length === 10 ? `${event.start}T00:00:00Z` : event.start);
      const endMs = (event: FixtureEvent) => Date.parse(event.end.length === 10 ? `${event.end}T00:00:00Z` : event.end);
      const items = calendar.events
        .filter((event) => endMs(event) > from && startMs(event) < to)
        .sort((a, b) => startMs(a) - startMs(b))
        .slice(0, Number(query.get('maxResults') ?? 250))
        .map((event) => eventResource(calendar, event, account.email));
      return {
        json: {
          kind: 'calendar#events',
          etag: '"p33c9pbfr8ieuu0g"',
          summary: calendar.summary,
          description: '',
          updated: '2026-11-20T08:00:00.000Z',
          timeZone: 'Europe/London',
          accessRole: calendar.accessRole,
          defaultReminders: [],
          items,
        },
      };
    },
    scopes('calendar.readonly', 'calendar', 'calendar.events', 'calendar.events.readonly'),
  );

  router.route(
    'POST',
    '/calendar/v3/calendars/:calendarId/events',
    ({ params, body }) => {
      const calendarId = params.calendarId === 'primary' ? account.email : (params.calendarId ?? '');
      const calendar = state.calendars.find((candidate) => candidate.id === calendarId);
      if (!calendar) return { status: 404, json: apiErrorBody('google', 404, 'Not Found') };
      const input = JSON.parse(body) as { summary?: string; location?: string; start?: { dateTime?: string }; end?: { dateTime?: string } };
      if (!input.start?.dateTime || !input.end?.dateTime) return { status: 400, json: apiErrorBody('google', 400, 'Missing end time.') };
      const event: FixtureEvent = {
        id: `created${calendar.events.length}x7k2`,
        summary: input.summary ?? '',
        start: input.start.dateTime,
        end: input.end.dateTime,
        ...(input.location ? { location: input.location } : {}),
      };
      calendar.events.push(event);
      return { json: eventResource(calendar, event, account.email) };
    },
    scopes('calendar.events', 'calendar', 'calendar.events.owned'),
  );

  router.route(
    'GET',
    '/drive/v3/files',
    ({ query }) => {
      const sorted =
        query.get('orderBy') === 'modifiedTime desc'
          ? [...state.files].sort((a, b) => b.modifiedTime.localeCompare(a.modifiedTime))
          : state.files;
      const { slice, next } = page(sorted, Math.min(Number(query.get('pageSize') ?? 100), 1000), query.get('pageToken'));
      return { json: { ...(next ? { nextPageToken: next } : {}), files: slice.map((file) => fileResource(file, account)) } };
    },
    scopes('drive.file', 'drive', 'drive.readonly', 'drive.metadata.readonly', 'drive.metadata'),
  );

  // Uploads live beside the API base, not under it (https://www.googleapis.com/upload/drive/v3/files).
  router.route(
    'POST',
    '/upload/drive/v3/files',
    ({ headers, body, query }) => {
      if (query.get('uploadType') !== 'multipart') return { status: 400, json: apiErrorBody('google', 400, 'Invalid upload type.') };
      const [metadataPart, contentPart] = parseMultipart(headers['content-type'], body);
      if (!metadataPart || !contentPart) return { status: 400, json: apiErrorBody('google', 400, 'Malformed multipart body.') };
      const metadata = JSON.parse(metadataPart.body) as { name?: string; mimeType?: string };
      state.uploads.push({ metadata, contentType: contentPart.contentType, content: contentPart.body });
      const file: DriveFixtureFile = {
        id: `1upload${state.uploads.length}ZyXwVuTsRqPo`,
        name: metadata.name ?? 'Untitled',
        mimeType: metadata.mimeType ?? contentPart.contentType,
        modifiedTime: new Date().toISOString(),
        size: String(Buffer.byteLength(contentPart.body)),
      };
      state.files.unshift(file);
      return { json: fileResource(file, account) };
    },
    scopes('drive.file', 'drive'),
  );

  installDocsFixtures(router, state.documents);
  return state;
}
