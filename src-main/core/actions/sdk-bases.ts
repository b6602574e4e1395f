import type { ServiceId } from '../../../src-shared/types';

/**
 * Where each typed client builds its URLs: the generated Google clients' rootUrl plus the API's
 * path prefix, and Spotify's fixed `SpotifyApi.rootUrl`. The fetch adapter maps these onto the
 * connection's apiBaseUrl; paging maps absolute `next` links with them too.
 */
export const SDK_BASES: Record<ServiceId, string> = {
  google_gmail: 'https://gmail.googleapis.com/gmail/v1',
  google_calendar: 'https://www.googleapis.com/calendar/v3',
  google_drive: 'https://www.googleapis.com/drive/v3',
  google_docs: 'https://docs.googleapis.com/v1',
  spotify: 'https://api.spotify.com/v1',
};

/** Names for messages ("Gmail said: …"). */
export const SERVICE_NAMES: Record<ServiceId, string> = {
  google_gmail: 'Gmail',
  google_calendar: 'Google Calendar',
  google_drive: 'Google Drive',
  google_docs: 'Google Docs',
  spotify: 'Spotify',
};
