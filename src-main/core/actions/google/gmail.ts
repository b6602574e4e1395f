// Gmail quick actions: the latest messages (list + one metadata get each, because list returns
// only ids) and a message to oneself (RFC 2822, base64url in `raw`, as users.messages.send takes it).
import { z } from 'zod';
import type { gmail_v1 } from '@googleapis/gmail';
import { CoreError } from '../../errors';
import { cell, columns, defineAction } from '../action';
import type { ActionContext } from '../action';
import { missingRequirements, requireAny } from '../scopes';
import type { Cell } from '../../../../src-shared/actions';
import { gmailClient } from './clients';

const READ = requireAny('gmail.readonly', 'gmail.metadata', 'gmail.modify', 'https://mail.google.com/');
const SEND = requireAny('gmail.send', 'gmail.compose', 'gmail.modify', 'https://mail.google.com/');
// users.getProfile is refused with gmail.metadata's narrower cousins; these all allow it.
const PROFILE = requireAny('gmail.readonly', 'gmail.metadata', 'gmail.compose', 'gmail.modify', 'https://mail.google.com/');

const METADATA_HEADERS = ['From', 'Subject', 'Date'];

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Gmail's snippets are HTML-escaped (`&#39;`, `&amp;`); a table wants the text. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function header(message: gmail_v1.Schema$Message, name: string): string | null {
  const found = message.payload?.headers?.find((candidate) => candidate.name?.toLowerCase() === name.toLowerCase());
  return found?.value ?? null;
}

/** One message (format=metadata) as a table row. */
export function mapMessage(message: gmail_v1.Schema$Message): Record<string, Cell> {
  // internalDate is when Gmail received it, in ms; the Date header is what the sender claimed.
  const received = message.internalDate ? new Date(Number(message.internalDate)).toISOString() : null;
  return {
    id: cell(message.id),
    from: header(message, 'From'),
    subject: header(message, 'Subject'),
    date: received ?? header(message, 'Date'),
    snippet: message.snippet ? decodeEntities(message.snippet) : null,
    unread: message.labelIds?.includes('UNREAD') ?? false,
  };
}

/** RFC 2047 encoded-word for a header holding non-ASCII text; ASCII passes unchanged. */
export function encodeHeaderText(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

export interface RawMessageInput {
  to: string;
  subject: string;
  text: string;
  date: Date;
}

/** An RFC 2822 message, base64url-encoded as users.messages.send's `raw` field wants it. */
export function buildRawMessage(input: RawMessageInput): string {
  const body = Buffer.from(input.text.replace(/\r?\n/g, '\r\n'), 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
  const message = [
    `From: ${input.to}`,
    `To: ${input.to}`,
    `Subject: ${encodeHeaderText(input.subject)}`,
    `Date: ${input.date.toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="UTF-8"',
    // base64 keeps any text, any line length, within RFC 2822's 998-character lines.
    'Content-Transfer-Encoding: base64',
    '',
    body,
  ].join('\r\n');
  return Buffer.from(message, 'utf8').toString('base64url');
}

async function ownAddress(context: ActionContext, client: gmail_v1.Gmail): Promise<string> {
  // Known from the identity step on connect; asking Gmail needs a scope gmail.send alone lacks.
  const known = context.connection.account.email;
  if (known) return known;
  if (missingRequirements(context.connection.scopes, [PROFILE]).length === 0) {
    const profile = await client.users.getProfile({ userId: 'me' });
    if (profile.data.emailAddress) return profile.data.emailAddress;
  }
  throw new CoreError('not_found', "Junction does not know this account's email address. Reconnect the account so it can read it.");
}

const noLineBreaks = /^[^\r\n]*$/;

export const gmailActions = [
  defineAction({
    id: 'gmail.latest_messages',
    service: 'google_gmail',
    title: 'Latest messages',
    description: 'The newest messages in your mailbox: sender, subject, date and a snippet.',
    writes: false,
    scopes: [READ],
    params: z.object({
      maxResults: z.number().int().min(1).max(25).default(10).describe('How many messages'),
      query: z.string().max(500).optional().describe('Gmail search, e.g. "is:unread" or "from:alice"'),
    }),
    async run(params, context) {
      const client = gmailClient(context);
      const list = await client.users.messages.list({
        userId: 'me',
        maxResults: params.maxResults,
        ...(params.query ? { q: params.query } : {}),
      });
      const ids = (list.data.messages ?? []).flatMap((message) => (message.id ? [message.id] : []));
      const messages = await Promise.all(
        ids.map(
          async (id) => (await client.users.messages.get({ userId: 'me', id, format: 'metadata', metadataHeaders: METADATA_HEADERS })).data,
        ),
      );
      return {
        columns: columns(
          ['from', 'From'],
          ['subject', 'Subject'],
          ['date', 'Date'],
          ['snippet', 'Snippet'],
          ['unread', 'Unread'],
          ['id', 'ID'],
        ),
        rows: messages.map(mapMessage),
        raw: { list: list.data, messages },
        summary: `${messages.length} message${messages.length === 1 ? '' : 's'}${list.data.resultSizeEstimate ? ` of about ${list.data.resultSizeEstimate}` : ''}`,
      };
    },
  }),
  defineAction({
    id: 'gmail.send_to_self',
    service: 'google_gmail',
    title: 'Send a message to myself',
    description: 'Sends a short plain-text email from your account to your own address.',
    writes: true,
    sends: [{ method: 'POST', url: '/users/me/messages/send' }],
    scopes: [SEND],
    params: z.object({
      subject: z.string().min(1).max(200).regex(noLineBreaks, 'must be one line').default('Hello from Junction'),
      text: z.string().max(10_000).default('Sent with Junction.'),
    }),
    async run(params, context) {
      const client = gmailClient(context);
      const to = await ownAddress(context, client);
      const raw = buildRawMessage({ to, subject: params.subject, text: params.text, date: new Date(context.now()) });
      const sent = await client.users.messages.send({ userId: 'me', requestBody: { raw } });
      return {
        columns: columns(['to', 'To'], ['subject', 'Subject'], ['id', 'Message ID'], ['threadId', 'Thread ID'], ['labels', 'Labels']),
        rows: [
          {
            to,
            subject: params.subject,
            id: cell(sent.data.id),
            threadId: cell(sent.data.threadId),
            labels: (sent.data.labelIds ?? []).join(', '),
          },
        ],
        raw: sent.data,
        summary: `Sent to ${to}`,
      };
    },
  }),
];
