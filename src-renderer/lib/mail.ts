// A plain-text mail as Gmail's `messages.send` wants it: an RFC 5322 message, base64url-encoded
// in `raw`. The console shows To/Subject/Text instead of that opaque string, and builds it again
// from the fields; a body that does not read back to exactly the same JSON is not shown as fields,
// so nothing the person sends can hide behind them.

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

const CONTENT_TYPE = 'Content-Type: text/plain; charset=UTF-8';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** A header value on one line: a line break in To or Subject would add headers of its own (Bcc:). */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

/** RFC 2047 encoded-word for a subject that is not plain ASCII. */
function encodeWord(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${toBase64(new TextEncoder().encode(value))}?=`;
}

function decodeWord(value: string): string {
  const match = /^=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=$/i.exec(value);
  if (!match?.[1]) return value;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(match[1]), (c) => c.charCodeAt(0)));
  } catch {
    return value;
  }
}

/** The request body (pretty JSON, as the presets write it) for this mail. */
export function mailBody(mail: Mail): string {
  const message = [
    `To: ${oneLine(mail.to)}`,
    `Subject: ${encodeWord(oneLine(mail.subject))}`,
    CONTENT_TYPE,
    '',
    mail.text.replace(/\r?\n/g, '\r\n'),
  ].join('\r\n');
  return JSON.stringify({ raw: toBase64Url(new TextEncoder().encode(message)) }, null, 2);
}

/** The mail a body holds, when it is one `mailBody` would have written; otherwise null. */
export function readMailBody(body: string): Mail | null {
  // Cheap refusal first: the body editor calls this on every keystroke.
  if (!body.includes('"raw"') || body.length > 2_000_000) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const keys = Object.keys(parsed);
  const raw = (parsed as { raw?: unknown }).raw;
  if (keys.length !== 1 || typeof raw !== 'string') return null;
  const bytes = fromBase64Url(raw);
  if (!bytes) return null;
  let message: string;
  try {
    message = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  const split = message.indexOf('\r\n\r\n');
  if (split < 0) return null;
  const headers = message.slice(0, split).split('\r\n');
  const to = headers[0]?.startsWith('To: ') ? headers[0].slice(4) : null;
  const subject = headers[1]?.startsWith('Subject: ') ? decodeWord(headers[1].slice(9)) : null;
  if (to === null || subject === null || headers.length !== 3 || headers[2] !== CONTENT_TYPE) return null;
  const mail = { to, subject, text: message.slice(split + 4).replace(/\r\n/g, '\n') };
  return mailBody(mail) === body ? mail : null;
}
