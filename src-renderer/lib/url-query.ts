// The console's URL field and its parameter table are one thing seen twice: the query string typed
// in the URL becomes rows, and the rows write the URL's query string. What is sent is the URL's
// path with the rows (request.ts), so a value is never sent twice.
import type { KeyValue } from './request';

/** The URL without its query string (and without a fragment, which is never sent). */
export function urlPath(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

function queryPart(url: string): string | undefined {
  const start = url.indexOf('?');
  if (start === -1) return undefined;
  const hash = url.indexOf('#', start);
  return url.slice(start + 1, hash === -1 ? undefined : hash);
}

/** Percent-decoding as a form would read it (`+` is a space), keeping text that does not decode. */
function decode(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Escapes only what would change the meaning of the query string, so `a:b,c` stays readable. */
function encode(text: string, isKey: boolean): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
  return text.replace(isKey ? /[%&#+=\s\u0000-\u001f\u007f]/g : /[%&#+\s\u0000-\u001f\u007f]/g, (c) => encodeURIComponent(c));
}

/** The rows the URL's query string holds, in order; a name given twice is two rows. */
export function rowsFromUrl(url: string): KeyValue[] {
  const query = queryPart(url);
  if (!query) return [];
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq === -1 ? pair : pair.slice(0, eq);
      const value = eq === -1 ? '' : pair.slice(eq + 1);
      return { key: decode(key), value: decode(value), enabled: true };
    });
}

/** A row the URL shows: sent (ticked) and named. The others live in the table only. */
export function inUrl(row: KeyValue): boolean {
  return row.enabled && row.key.trim() !== '';
}

/** The URL with its query string written from the rows that are sent. */
export function urlWithRows(url: string, rows: KeyValue[]): string {
  const query = rows
    .filter(inUrl)
    .map((row) => `${encode(row.key.trim(), true)}=${encode(row.value, false)}`)
    .join('&');
  return query ? `${urlPath(url)}?${query}` : urlPath(url);
}
