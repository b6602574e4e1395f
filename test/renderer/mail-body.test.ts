import { describe, expect, it } from 'vitest';
import { summarizeBody } from '../../src-renderer/lib/body-summary';
import { mailBody, readMailBody } from '../../src-renderer/lib/mail';

function decodedRaw(body: string): string {
  const { raw } = JSON.parse(body) as { raw: string };
  return new TextDecoder().decode(Uint8Array.from(atob(raw.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
}

describe('a mail body as To/Subject/Text', () => {
  it('reads back what it wrote, non-ASCII subject and line breaks included', () => {
    const mail = { to: 'ada@example.com', subject: 'Grüße ✓ ', text: 'Line one\nLine two\n' };
    const body = mailBody(mail);
    expect(readMailBody(body)).toEqual(mail);
    expect(decodedRaw(body)).toContain('Subject: =?UTF-8?B?');
    expect(decodedRaw(body)).toContain('Line one\r\nLine two\r\n');
  });

  it('keeps a line break in To or Subject from adding a header of its own', () => {
    const body = mailBody({ to: 'ada@example.com\r\nBcc: eve@example.com', subject: 'Hi\nBcc: eve@example.com', text: 'x' });
    const headers = decodedRaw(body).split('\r\n\r\n')[0]?.split('\r\n') ?? [];
    expect(headers).toHaveLength(3);
    expect(headers.some((h) => h.startsWith('Bcc:'))).toBe(false);
  });

  it('shows no fields for a body it would not write back the same (other headers, other keys, not base64)', () => {
    const withBcc = JSON.stringify({ raw: btoa('To: a@example.com\r\nBcc: eve@example.com\r\nSubject: x\r\n\r\nhi') }, null, 2);
    expect(readMailBody(withBcc)).toBeNull();
    const extraKey = JSON.stringify({ ...(JSON.parse(mailBody({ to: 'a', subject: 'b', text: 'c' })) as object), threadId: '1' }, null, 2);
    expect(readMailBody(extraKey)).toBeNull();
    expect(readMailBody('{"raw": "not base64!"}')).toBeNull();
    expect(readMailBody('{"raw": ')).toBeNull();
    // Same message, written compactly: sending it is fine, but the fields would rewrite it.
    expect(readMailBody(JSON.stringify(JSON.parse(mailBody({ to: 'a', subject: 'b', text: 'c' }))))).toBeNull();
  });
});

describe('a request body in words', () => {
  it('a mail as its fields, a JSON object as its top fields, long values cut with their length', () => {
    expect(summarizeBody(mailBody({ to: 'ada@example.com', subject: 'Hi', text: 'Hello' }))).toEqual([
      { label: 'To', value: 'ada@example.com' },
      { label: 'Subject', value: 'Hi' },
      { label: 'Text', value: 'Hello' },
    ]);
    const rows = summarizeBody(JSON.stringify({ summary: 'Tea', start: { dateTime: '2026-12-05T10:00:00Z' }, notes: 'n'.repeat(1000) }));
    expect(rows[0]).toEqual({ label: 'summary', value: 'Tea' });
    expect(rows[1]).toEqual({ label: 'start', value: '{"dateTime":"2026-12-05T10:00:00Z"}' });
    expect(rows[2]?.value).toMatch(/^n{300}… \(1,000 characters\)$/);
  });

  it('at most twelve fields, then how many more; no body is an empty list; text that is not JSON as its start', () => {
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, i]));
    const rows = summarizeBody(JSON.stringify(many));
    expect(rows).toHaveLength(13);
    expect(rows[12]).toEqual({ label: '…', value: 'and 8 more fields' });
    expect(summarizeBody('  ')).toEqual([]);
    expect(summarizeBody('plain text')).toEqual([{ label: 'Body', value: 'plain text' }]);
  });
});
