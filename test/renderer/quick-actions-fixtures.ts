// Quick actions as the core describes and answers them, for the renderer's tests.
import type { ActionDescriptor, ActionResult } from '../../src-shared/actions';

// The descriptors as the core sends them (src-main/core/actions/google/gmail.ts, via z.toJSONSchema).
export const LATEST: ActionDescriptor = {
  id: 'gmail.latest_messages',
  service: 'google_gmail',
  title: 'Latest messages',
  description: 'The newest messages in your mailbox: sender, subject, date and a snippet.',
  params: {
    type: 'object',
    properties: {
      maxResults: { default: 10, description: 'How many messages', type: 'integer', minimum: 1, maximum: 25 },
      query: { description: 'Gmail search, e.g. "is:unread" or "from:alice"', type: 'string', maxLength: 500 },
    },
  },
  writes: false,
  scopes: [['gmail.readonly', 'gmail.metadata', 'gmail.modify', 'https://mail.google.com/']],
};
export const SEND: ActionDescriptor = {
  id: 'gmail.send_to_self',
  service: 'google_gmail',
  title: 'Send a message to myself',
  description: 'Sends a short plain-text email from your account to your own address.',
  params: {
    type: 'object',
    properties: {
      subject: { default: 'Hello from Junction', type: 'string', minLength: 1, maxLength: 200, pattern: '^[^\\r\\n]*$' },
      text: { default: 'Sent with Junction.', type: 'string', maxLength: 10000 },
    },
  },
  writes: true,
  sends: [{ method: 'POST', url: '/users/{userId}/messages/send' }],
  scopes: [['gmail.send', 'gmail.compose', 'gmail.modify', 'https://mail.google.com/']],
};
// Not a real action: every kind of field the form draws.
export const KINDS: ActionDescriptor = {
  id: 'gmail.kinds',
  service: 'google_gmail',
  title: 'Every kind',
  description: 'Fields of each kind.',
  params: {
    type: 'object',
    properties: {
      label: { type: 'string', minLength: 1, maxLength: 50, description: 'Label name' },
      format: { enum: ['full', 'metadata', 'minimal'], type: 'string', description: 'Format' },
      includeSpam: { type: 'boolean', default: false, description: 'Include spam' },
      count: { type: 'integer', minimum: 1, maximum: 5, default: 2 },
      body: { type: 'string', maxLength: 8000 },
      start: { type: 'string', format: 'date-time', description: 'Start, e.g. 2026-11-24T10:00:00+01:00' },
    },
    required: ['label', 'format'],
  },
  writes: false,
  scopes: [],
};

export const SCOPES = ['openid', 'email', 'https://www.googleapis.com/auth/gmail.readonly', 'https://www.googleapis.com/auth/gmail.send'];

export function actionResult(patch: Partial<ActionResult> = {}): ActionResult {
  return {
    actionId: 'gmail.latest_messages',
    service: 'google_gmail',
    columns: [
      { key: 'from', label: 'From' },
      { key: 'subject', label: 'Subject' },
      { key: 'date', label: 'Date' },
    ],
    rows: [
      { from: 'Grace <grace@example.com>', subject: 'Compilers', date: '2026-11-20T09:00:00.000Z' },
      { from: 'Alan <alan@example.com>', subject: null, date: '2026-11-19T09:00:00.000Z' },
    ],
    raw: [{ id: 'm1', snippet: 'About compilers' }],
    summary: '2 of about 2 messages',
    requests: 3,
    refreshed: false,
    durationMs: 42,
    ...patch,
  };
}
