// CSV for exports (RFC 4180, CRLF lines). Every value comes from a provider or a table it filled,
// so a text cell that a spreadsheet would run as a formula is neutralised, and nested items are
// flattened into columns chosen from the first page (docs/contract.md, api.export).
import { EXPORT_MAX_COLUMNS } from '../../../src-shared/export';

/** A column: the path of keys into an item, shown joined with dots ("start.dateTime"). */
export type ColumnPath = readonly string[];

/** Objects nested deeper than this become one cell of JSON text. */
const MAX_DEPTH = 3;

// Spreadsheets run a cell starting with = + - @ as a formula, and some skip a leading tab or
// carriage return first; the fullwidth forms are read as the same signs by some of them.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One field as CSV text: a formula-like text gets a leading apostrophe, then quoting when needed. */
export function csvField(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') {
    // A number is a number: "-5" stays numeric; Infinity and NaN never come from JSON.
    text = String(value);
  } else {
    text = typeof value === 'string' ? value : JSON.stringify(value);
    if (FORMULA_START.test(text)) text = `'${text}`;
  }
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * The columns for items like these: each scalar's path (nested objects walked MAX_DEPTH levels,
 * deeper ones and arrays one JSON cell), in the order first seen, at most EXPORT_MAX_COLUMNS. Items
 * that are not objects get a `value` column.
 */
export function columnsOf(items: readonly unknown[]): ColumnPath[] {
  const seen = new Map<string, ColumnPath>();
  const add = (path: ColumnPath) => {
    const name = JSON.stringify(path);
    if (!seen.has(name) && seen.size < EXPORT_MAX_COLUMNS) seen.set(name, path);
  };
  const walk = (value: Record<string, unknown>, path: string[]) => {
    for (const [key, child] of Object.entries(value)) {
      if (seen.size >= EXPORT_MAX_COLUMNS) return;
      if (isRecord(child) && path.length + 1 < MAX_DEPTH && Object.keys(child).length > 0) walk(child, [...path, key]);
      else add([...path, key]);
    }
  };
  for (const item of items) {
    if (isRecord(item)) walk(item, []);
    else add(['value']);
  }
  return [...seen.values()];
}

/** The value at `path` in `item` (an object or array there becomes JSON text through csvField). */
export function valueAt(item: unknown, path: ColumnPath): unknown {
  if (!isRecord(item)) return path.length === 1 && path[0] === 'value' ? item : undefined;
  let value: unknown = item;
  for (const key of path) {
    if (!isRecord(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

export function headerOf(columns: readonly ColumnPath[]): string {
  return csvLine(columns.map((path) => path.join('.')));
}
