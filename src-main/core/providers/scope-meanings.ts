// What each scope the services ask for lets Junction do, in the words a consent screen would use,
// for the connection detail's "granted versus asked" list (Service.scopeInfo). Kept apart from the
// provider definitions so that a scope's meaning is written once, whichever service asks for it.
import type { OptionalScope } from '../../../src-shared/types';

const G = 'https://www.googleapis.com/auth/';

const MEANINGS: Readonly<Record<string, string>> = {
  openid: 'Know who you are at the provider',
  email: 'See your email address',
  profile: 'See your name and profile picture',
  [`${G}gmail.readonly`]: 'Read your email and its settings',
  [`${G}gmail.metadata`]: 'See your email’s headers and labels, not its contents',
  [`${G}gmail.send`]: 'Send email as you',
  [`${G}gmail.compose`]: 'Write drafts and send email as you',
  [`${G}gmail.modify`]: 'Read, send, label and archive your email (not delete it for good)',
  [`${G}gmail.labels`]: 'Manage labels',
  'https://mail.google.com/': 'Full access to your mailbox, deleting mail for good included',
  [`${G}calendar`]: 'See, edit, share and delete all your calendars',
  [`${G}calendar.readonly`]: 'See your calendars and their events',
  [`${G}calendar.events`]: 'See and edit the events of all your calendars',
  [`${G}calendar.settings.readonly`]: 'Read calendar settings',
  [`${G}drive.file`]: 'See and edit only the Drive files Junction created or you opened with it',
  [`${G}drive.readonly`]: 'See all your Drive files',
  [`${G}drive`]: 'See, edit and delete all your Drive files',
  [`${G}documents`]: 'See, edit, create and delete all your Google Docs',
  [`${G}documents.readonly`]: 'See all your Google Docs',
  'user-read-email': 'See your email address',
  'user-read-private': 'See your country, subscription and explicit-content setting',
  'user-read-playback-state': 'See what plays on your devices',
  'user-modify-playback-state': 'Play, pause and skip on your devices',
  'user-read-currently-playing': 'See the track playing now',
  'playlist-read-private': 'See your private playlists',
  'playlist-read-collaborative': 'See the playlists you collaborate on',
  'playlist-modify-public': 'Edit your public playlists',
  'playlist-modify-private': 'Edit your private playlists',
};

/** Every scope a service asks for or offers, with its plain meaning; the optional scopes keep their own words. */
export function scopeInfo(scopes: readonly string[], optionalScopes: readonly OptionalScope[]): OptionalScope[] {
  const described = new Map<string, string>();
  for (const scope of scopes) described.set(scope, MEANINGS[scope] ?? scope);
  for (const { scope, description } of optionalScopes) if (!described.has(scope)) described.set(scope, description);
  return [...described].map(([scope, description]) => ({ scope, description }));
}
