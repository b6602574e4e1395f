// The Google API calls "Copy as… Node" writes as their @googleapis/* method instead of a plain
// fetch: the console's presets and the calls people make most. Each row is the library's own URL
// template and HTTP method; test/shell/snippets-run.test.ts calls every row's method of the
// installed package against a recording server and checks it sends this method to this path.

export interface GoogleCall {
  /** The npm package and its factory export. */
  library: 'gmail' | 'calendar' | 'drive' | 'docs';
  version: string;
  /** The library's default root (what `rootUrl` replaces). */
  root: string;
  method: string;
  /** Path from the root, `{name}` for a path parameter, as in the library's source. */
  path: string;
  /** The method on the client, e.g. `users.messages.list`. */
  call: string;
}

const GMAIL = { library: 'gmail', version: 'v1', root: 'https://gmail.googleapis.com/' } as const;
const CALENDAR = { library: 'calendar', version: 'v3', root: 'https://www.googleapis.com/' } as const;
const DRIVE = { library: 'drive', version: 'v3', root: 'https://www.googleapis.com/' } as const;
const DOCS = { library: 'docs', version: 'v1', root: 'https://docs.googleapis.com/' } as const;

export const GOOGLE_CALLS: GoogleCall[] = [
  { ...GMAIL, method: 'GET', path: '/gmail/v1/users/{userId}/profile', call: 'users.getProfile' },
  { ...GMAIL, method: 'GET', path: '/gmail/v1/users/{userId}/messages', call: 'users.messages.list' },
  { ...GMAIL, method: 'GET', path: '/gmail/v1/users/{userId}/messages/{id}', call: 'users.messages.get' },
  { ...GMAIL, method: 'POST', path: '/gmail/v1/users/{userId}/messages/send', call: 'users.messages.send' },
  { ...GMAIL, method: 'GET', path: '/gmail/v1/users/{userId}/labels', call: 'users.labels.list' },
  { ...GMAIL, method: 'GET', path: '/gmail/v1/users/{userId}/threads', call: 'users.threads.list' },
  { ...GMAIL, method: 'GET', path: '/gmail/v1/users/{userId}/threads/{id}', call: 'users.threads.get' },
  { ...CALENDAR, method: 'GET', path: '/calendar/v3/users/me/calendarList', call: 'calendarList.list' },
  { ...CALENDAR, method: 'GET', path: '/calendar/v3/calendars/{calendarId}/events', call: 'events.list' },
  { ...CALENDAR, method: 'POST', path: '/calendar/v3/calendars/{calendarId}/events', call: 'events.insert' },
  { ...CALENDAR, method: 'GET', path: '/calendar/v3/calendars/{calendarId}/events/{eventId}', call: 'events.get' },
  { ...DRIVE, method: 'GET', path: '/drive/v3/about', call: 'about.get' },
  { ...DRIVE, method: 'GET', path: '/drive/v3/files', call: 'files.list' },
  { ...DRIVE, method: 'POST', path: '/drive/v3/files', call: 'files.create' },
  { ...DRIVE, method: 'GET', path: '/drive/v3/files/{fileId}', call: 'files.get' },
  { ...DOCS, method: 'GET', path: '/v1/documents/{documentId}', call: 'documents.get' },
  { ...DOCS, method: 'POST', path: '/v1/documents', call: 'documents.create' },
  { ...DOCS, method: 'POST', path: '/v1/documents/{documentId}:batchUpdate', call: 'documents.batchUpdate' },
];
