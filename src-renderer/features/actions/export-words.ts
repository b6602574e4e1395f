// What an export did, in words for the person.
import type { ExportResult } from '../../../src-shared/export';

const count = (n: number, one: string) => `${n.toLocaleString('en')} ${one}${n === 1 ? '' : 's'}`;

export function exportWords(result: ExportResult, unit: 'item' | 'row'): string {
  if (!result.saved)
    return result.cancelled ? 'Stopped before the first page; no file was saved.' : 'Not saved: the save dialog was closed.';
  const what = `${count(result.items, unit)}${result.pages > 0 ? ` from ${count(result.pages, 'page')}` : ''}`;
  if (result.cancelled) return `Stopped when you cancelled: ${what} saved to ${result.fileName ?? 'the file'}.`;
  const more = result.capped ? ' More were left (a limit was reached).' : '';
  return `Saved ${what} to ${result.fileName ?? 'the file'}.${more}`;
}
