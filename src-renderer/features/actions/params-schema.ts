// An action's params form, read off the JSON Schema the core derives from its zod schema: one field
// per property, with the kind of input, its label and help, its limits and its default. The core
// validates again; checking here only lets the form point at the field before a round trip.
import type { ParamValue } from '../../stores/actions';

export type FieldKind = 'text' | 'textarea' | 'number' | 'boolean' | 'enum' | 'datetime';

export interface Field {
  key: string;
  kind: FieldKind;
  label: string;
  help?: string;
  required: boolean;
  integer: boolean;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  options: string[];
  defaultValue?: ParamValue;
}

/** What the inputs hold: text for text-like fields, a boolean for checkboxes. */
export type FormValues = Record<string, string | boolean>;

/** Strings at least this long get a textarea. */
export const LONG_TEXT = 5000;

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Start, e.g. 2026-…" → label "Start", help "e.g. 2026-…"; "Device ID; the active device when empty" likewise. */
function labelAndHelp(key: string, description: unknown): { label: string; help?: string } {
  if (typeof description !== 'string' || !description.trim()) return { label: humanize(key) };
  const match = /^(.*?)(?:, (e\.g\..*)|; (.*))$/.exec(description);
  if (!match?.[1]) return { label: description };
  const help = match[2] ?? match[3];
  return { label: match[1], ...(help ? { help: help.charAt(0).toUpperCase() + help.slice(1) } : {}) };
}

function kindOf(schema: Record<string, unknown>): FieldKind {
  if (Array.isArray(schema.enum)) return 'enum';
  switch (schema.type) {
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      if (schema.format === 'date-time') return 'datetime';
      return (num(schema.maxLength) ?? 0) >= LONG_TEXT ? 'textarea' : 'text';
  }
}

export function fieldsOf(params: Record<string, unknown>): Field[] {
  const properties = record(params.properties);
  const required = Array.isArray(params.required) ? params.required.filter((k): k is string => typeof k === 'string') : [];
  return Object.entries(properties).map(([key, raw]) => {
    const schema = record(raw);
    const kind = kindOf(schema);
    const def = schema.default;
    const defaultValue = typeof def === 'string' || typeof def === 'number' || typeof def === 'boolean' ? def : undefined;
    const optional = (name: string, value: number | string | undefined) => (value === undefined ? {} : { [name]: value });
    const words = labelAndHelp(key, schema.description);
    // The picker takes local time; the example of the wire format would only mislead.
    if (kind === 'datetime') words.help = `In this computer's time zone (${utcOffset()}).`;
    return {
      key,
      kind,
      ...words,
      required: required.includes(key),
      integer: schema.type === 'integer',
      ...optional('min', num(schema.minimum)),
      ...optional('max', num(schema.maximum)),
      ...optional('minLength', num(schema.minLength)),
      ...optional('maxLength', num(schema.maxLength)),
      ...optional('pattern', kind === 'datetime' || typeof schema.pattern !== 'string' ? undefined : schema.pattern),
      options: Array.isArray(schema.enum) ? schema.enum.map(String) : [],
      ...(defaultValue === undefined ? {} : { defaultValue }),
    } satisfies Field;
  });
}

export function initialValues(fields: Field[]): FormValues {
  return Object.fromEntries(
    fields.map((f) => [
      f.key,
      f.kind === 'boolean'
        ? f.defaultValue === true
        : f.defaultValue === undefined
          ? f.kind === 'enum' && f.required
            ? (f.options[0] ?? '')
            : ''
          : String(f.defaultValue),
    ]),
  );
}

function pad(n: number): string {
  return String(Math.abs(Math.trunc(n))).padStart(2, '0');
}

function utcOffset(): string {
  const offset = -new Date().getTimezoneOffset();
  return `UTC${offset >= 0 ? '+' : '-'}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/** A `datetime-local` value ("2026-11-24T10:00") as RFC 3339 with this computer's offset. */
export function localToRfc3339(local: string): string | null {
  const date = new Date(local);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(local) || Number.isNaN(date.getTime())) return null;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const seconds = local.length === 16 ? ':00' : '';
  return `${local}${seconds}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

function checkOne(field: Field, value: string | boolean): { value?: ParamValue; error?: string } {
  if (field.kind === 'boolean') return { value: value === true };
  const text = typeof value === 'string' ? value : '';
  if (text.trim() === '') return field.required ? { error: `${field.label} is required.` } : {};
  switch (field.kind) {
    case 'number': {
      const n = Number(text);
      if (!Number.isFinite(n)) return { error: `${field.label} must be a number.` };
      if (field.integer && !Number.isInteger(n)) return { error: `${field.label} must be a whole number.` };
      if (field.min !== undefined && n < field.min) return { error: `${field.label} must be at least ${field.min}.` };
      if (field.max !== undefined && n > field.max) return { error: `${field.label} must be at most ${field.max}.` };
      return { value: n };
    }
    case 'datetime': {
      const iso = localToRfc3339(text);
      return iso ? { value: iso } : { error: `${field.label} must be a date and time.` };
    }
    case 'enum':
      return field.options.includes(text) ? { value: text } : { error: `${field.label} must be one of ${field.options.join(', ')}.` };
    case 'text':
    case 'textarea': {
      if (field.minLength !== undefined && text.length < field.minLength)
        return { error: `${field.label} must be at least ${field.minLength} characters.` };
      if (field.maxLength !== undefined && text.length > field.maxLength)
        return { error: `${field.label} must be at most ${field.maxLength} characters.` };
      if (field.pattern !== undefined && !safeTest(field.pattern, text))
        return { error: `${field.label} is not in the expected form${field.kind === 'text' ? ' (one line)' : ''}.` };
      return { value: text };
    }
    default: {
      const missing: never = field.kind;
      return { error: `Unknown field kind ${String(missing)}` };
    }
  }
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return true; // a pattern this engine cannot read is left to the core
  }
}

/** The params to send, or the first problem of each field that has one. Empty optional fields are left out. */
export function toParams(
  fields: Field[],
  values: FormValues,
): { ok: true; params: Record<string, ParamValue> } | { ok: false; errors: Record<string, string> } {
  const params: Record<string, ParamValue> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const checked = checkOne(field, values[field.key] ?? '');
    if (checked.error) errors[field.key] = checked.error;
    else if (checked.value !== undefined) params[field.key] = checked.value;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, params };
}
