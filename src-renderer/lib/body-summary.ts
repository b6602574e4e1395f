// A request body in words for the write confirmation: a mail as its To/Subject/Text, a JSON
// object as its top-level fields, anything else as its first characters. Bounded, so a 1 MB body
// draws a short box.
import { readMailBody } from './mail';

export interface SummaryRow {
  label: string;
  value: string;
}

const MAX_VALUE = 300;
const MAX_FIELDS = 12;

function cut(text: string): string {
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}… (${text.length.toLocaleString('en')} characters)` : text;
}

function valueText(value: unknown): string {
  return cut(typeof value === 'string' ? value : JSON.stringify(value));
}

/** Rows for the confirmation; an empty list means there is no body. */
export function summarizeBody(body: string): SummaryRow[] {
  if (body.trim() === '') return [];
  const mail = readMailBody(body);
  if (mail) {
    return [
      { label: 'To', value: mail.to },
      { label: 'Subject', value: cut(mail.subject) },
      { label: 'Text', value: cut(mail.text) },
    ];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [{ label: 'Body', value: cut(body) }];
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return [{ label: 'Body', value: valueText(parsed) }];
  const entries = Object.entries(parsed);
  const rows = entries.slice(0, MAX_FIELDS).map(([label, value]) => ({ label, value: valueText(value) }));
  if (entries.length > MAX_FIELDS) rows.push({ label: '…', value: `and ${entries.length - MAX_FIELDS} more fields` });
  return rows;
}
