// Ready-made requests per service: at least two reads and one write each. A preset fills the
// console's form; the person can change anything before sending.
import type { Account, ServiceId } from '../../../src-shared/types';
import { mailBody } from '../../lib/mail';
import type { KeyValue, RequestDraft } from '../../lib/request';

export interface Preset {
  id: string;
  label: string;
  kind: 'read' | 'write';
  build(context: { account: Account; now: Date }): RequestDraft;
}

function q(pairs: Record<string, string>): KeyValue[] {
  return Object.entries(pairs).map(([key, value]) => ({ key, value, enabled: true }));
}

function get(url: string, query: Record<string, string> = {}): RequestDraft {
  return { method: 'GET', url, query: q(query), headers: [], body: '' };
}

function send(method: RequestDraft['method'], url: string, body: unknown): RequestDraft {
  return { method, url, query: [], headers: [], body: body === undefined ? '' : JSON.stringify(body, null, 2) };
}

function inAnHour(now: Date, hours: number): string {
  return new Date(now.getTime() + hours * 3_600_000).toISOString();
}

const PRESETS: Record<ServiceId, Preset[]> = {
  google_gmail: [
    { id: 'gmail-profile', label: 'My profile', kind: 'read', build: () => get('/users/me/profile') },
    { id: 'gmail-messages', label: 'List messages', kind: 'read', build: () => get('/users/me/messages', { maxResults: '10' }) },
    { id: 'gmail-labels', label: 'List labels', kind: 'read', build: () => get('/users/me/labels') },
    {
      id: 'gmail-send-self',
      label: 'Send a message to myself',
      kind: 'write',
      // The body is built from To/Subject/Text, which the console shows as fields (MailFields).
      build: ({ account, now }) => ({
        method: 'POST',
        url: '/users/me/messages/send',
        query: [],
        headers: [],
        body: mailBody({
          to: account.email ?? 'me@example.com',
          subject: 'Hello from Junction',
          text: `Sent from Junction at ${now.toISOString()}.`,
        }),
      }),
    },
  ],
  google_calendar: [
    { id: 'calendar-list', label: 'List calendars', kind: 'read', build: () => get('/users/me/calendarList') },
    {
      id: 'calendar-upcoming',
      label: 'Upcoming events',
      kind: 'read',
      build: ({ now }) =>
        get('/calendars/primary/events', { timeMin: now.toISOString(), singleEvents: 'true', orderBy: 'startTime', maxResults: '10' }),
    },
    {
      id: 'calendar-create',
      label: 'Create an event',
      kind: 'write',
      build: ({ now }) =>
        send('POST', '/calendars/primary/events', {
          summary: 'Made with Junction',
          start: { dateTime: inAnHour(now, 1) },
          end: { dateTime: inAnHour(now, 2) },
        }),
    },
  ],
  google_drive: [
    { id: 'drive-about', label: 'About me and my quota', kind: 'read', build: () => get('/about', { fields: 'user,storageQuota' }) },
    {
      id: 'drive-files',
      label: 'List files',
      kind: 'read',
      build: () => get('/files', { pageSize: '10', fields: 'files(id,name,mimeType,modifiedTime)' }),
    },
    {
      id: 'drive-create',
      label: 'Create a file',
      kind: 'write',
      build: () => send('POST', '/files', { name: 'Made with Junction', mimeType: 'application/vnd.google-apps.document' }),
    },
  ],
  google_docs: [
    { id: 'docs-get', label: 'Get a document (put its ID in the URL)', kind: 'read', build: () => get('/documents/DOCUMENT_ID') },
    {
      id: 'docs-title',
      label: 'Get a document’s title (put its ID in the URL)',
      kind: 'read',
      build: () => get('/documents/DOCUMENT_ID', { fields: 'documentId,title,revisionId' }),
    },
    {
      id: 'docs-create',
      label: 'Create a document',
      kind: 'write',
      build: () => send('POST', '/documents', { title: 'Made with Junction' }),
    },
  ],
  spotify: [
    { id: 'spotify-me', label: 'Me', kind: 'read', build: () => get('/me') },
    { id: 'spotify-playing', label: 'Currently playing', kind: 'read', build: () => get('/me/player/currently-playing') },
    { id: 'spotify-playlists', label: 'My playlists', kind: 'read', build: () => get('/me/playlists', { limit: '20' }) },
    { id: 'spotify-pause', label: 'Pause playback', kind: 'write', build: () => send('PUT', '/me/player/pause', undefined) },
  ],
};

export function presetsFor(service: ServiceId): Preset[] {
  return PRESETS[service];
}

/** What the console offers when a service's connection is picked: its first read (a who-am-I where there is one). */
export function defaultDraft(service: ServiceId, context: { account: Account; now: Date }): RequestDraft {
  const first = PRESETS[service].find((p) => p.kind === 'read');
  return first ? first.build(context) : { method: 'GET', url: '', query: [], headers: [], body: '' };
}
