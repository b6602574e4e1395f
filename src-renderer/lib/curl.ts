// "Copy as curl": the request the core would send, as a POSIX shell command a person can paste.
// The token is a shell variable named for the provider (`$GOOGLE_TOKEN`, `$SPOTIFY_TOKEN`), never
// a value, and it is only added where the core itself would send it: a URL the core refuses gets
// no Authorization header, and a comment says why. `--globoff` keeps curl from expanding `{a,b}` and `[1-3]` into requests to other URLs.
import { checkBody, METHODS, METHODS_WITH_BODY, type KeyValue, type RequestDraft } from './request';
import { resolveTarget, type TargetService } from './target';
import { CORE_OWNED_HEADERS } from '../../src-shared/headers';
import { tokenVariable, type TokenOwner } from './snippets/token-variable';

/** Headers the core refuses from the caller: it sets them itself. */
const CORE_HEADERS: ReadonlySet<string> = new Set(CORE_OWNED_HEADERS);

/** The core's header name and value rules (src-main/core/ipc/fields.ts): anything else it refuses. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]{0,8192}$/;

/**
 * One shell word, whatever `text` holds: inside single quotes nothing is special to a POSIX shell
 * but the quote itself, which closes, is escaped, and reopens. A NUL cannot be in an argument at all.
 */
export function shellQuote(text: string): string {
  return `'${text.replace(/\0/g, '').replace(/'/g, `'\\''`)}'`;
}

/** A comment stays one line: no control character can end it and start a command. */
export function comment(text: string): string {
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  return `# ${text.replace(/[\x00-\x1f\x7f\u2028\u2029]/g, '?')}`;
}

/** The headers as the core sends them: names merged case-insensitively, values trimmed. */
export function mergeHeaders(rows: KeyValue[]): { headers: { name: string; value: string }[]; own: string[]; invalid: string[] } {
  const merged = new Map<string, { name: string; value: string }>();
  const own: string[] = [];
  const invalid: string[] = [];
  for (const row of rows) {
    const name = row.key.trim();
    if (!row.enabled || name === '') continue;
    const key = name.toLowerCase();
    if (CORE_HEADERS.has(key)) {
      own.push(name);
      continue;
    }
    // A line break in a value would be a header of its own: the core refuses it, so curl gets none.
    if (!HEADER_NAME.test(name) || !HEADER_VALUE.test(row.value)) {
      invalid.push(HEADER_NAME.test(name) ? name : 'a header with an invalid name');
      continue;
    }
    const value = row.value.trim();
    const seen = merged.get(key);
    merged.set(key, seen ? { name: seen.name, value: `${seen.value}, ${value}` } : { name, value });
  }
  return { headers: [...merged.values()], own, invalid };
}

/** The headers as curl arguments. */
export function headerLines(rows: KeyValue[]): { lines: string[]; names: Set<string>; own: string[]; invalid: string[] } {
  const { headers, own, invalid } = mergeHeaders(rows);
  // `-H 'Name:'` would make curl remove the header; `Name;` is how curl sends it empty.
  const lines = headers.map(({ name, value }) => `-H ${shellQuote(value === '' ? `${name};` : `${name}: ${value}`)}`);
  return { lines, names: new Set(headers.map((h) => h.name.toLowerCase())), own, invalid };
}

/**
 * The body as the core sends it: a JSON string as plain text, any other JSON value compact, each
 * with the content type the core gives it unless the form names one. Not JSON: the core would not
 * send it; it is copied as typed so the person can fix it there.
 */
export function bodyOf(draft: RequestDraft, headerNames: Set<string>): { contentType?: string; text: string } | undefined {
  if (!METHODS_WITH_BODY.includes(draft.method) || draft.body.trim() === '') return undefined;
  const parsed = checkBody(draft.body);
  if (!parsed.ok || parsed.value === undefined) return { contentType: 'application/json', text: draft.body };
  const isText = typeof parsed.value === 'string';
  const text = typeof parsed.value === 'string' ? parsed.value : JSON.stringify(parsed.value);
  if (headerNames.has('content-type')) return { text };
  return { contentType: isText ? 'text/plain;charset=UTF-8' : 'application/json', text };
}

/** The body as curl arguments. */
export function bodyLines(draft: RequestDraft, headerNames: Set<string>): string[] {
  const body = bodyOf(draft, headerNames);
  if (!body) return [];
  const type = body.contentType ? [`-H ${shellQuote(`Content-Type: ${body.contentType}`)}`] : [];
  return [...type, `--data-raw ${shellQuote(body.text)}`];
}

export function methodArgs(method: string): string {
  // `-X HEAD` would wait for a body that never comes; `--head` is curl's HEAD.
  if (method === 'HEAD') return '--head';
  return `-X ${(METHODS as readonly string[]).includes(method) ? method : shellQuote(method)}`;
}

/** Comments naming the headers left out of a command, and why. */
export function headerNotes(headers: { own: string[]; invalid: string[] }): string[] {
  const notes: string[] = [];
  if (headers.own.length) notes.push(comment(`Left out, as Junction sets them itself: ${[...new Set(headers.own)].join(', ')}.`));
  if (headers.invalid.length) {
    notes.push(
      comment(`Left out, as Junction would refuse them (a line break or other control character): ${headers.invalid.join(', ')}.`),
    );
  }
  return notes;
}

/** The request as a curl command line; see the file comment for what it promises. */
export function toCurl(draft: RequestDraft, service: TargetService & TokenOwner): string {
  const target = resolveTarget(service, draft.url, draft.query);
  const headers = headerLines(draft.headers);
  const notes: string[] = [];
  if (target.refused) {
    notes.push(comment(`Junction would refuse this URL: ${target.refused}. So there is no Authorization header here.`));
  }
  notes.push(...headerNotes(headers));
  const args = [
    `curl --globoff ${methodArgs(draft.method)} ${shellQuote(target.url)}`,
    ...(target.refused ? [] : [`-H "Authorization: Bearer $${tokenVariable(service)}"`]),
    ...headers.lines,
    ...bodyLines(draft, headers.names),
  ];
  return [...notes, args.join(' \\\n  ')].join('\n');
}
