// The export file of saved requests: what `saved.export` writes and `saved.import` reads back. An
// import is all or nothing: the text is parsed and every entry checked before the list is touched,
// so a damaged or foreign file leaves the saved requests as they were and says what is wrong.
import { z } from 'zod';
import { SAVED_FILE_FORMAT, SAVED_FILE_VERSION, SAVED_MAX_PER_SERVICE, type SavedRequest } from '../../../src-shared/saved';
import { SERVICE_IDS, type ServiceId } from '../../../src-shared/types';
import { CoreError } from '../errors';
import { describeIssues } from '../ipc/channel-table';
import { savedDraft, savedName } from './schemas';

/** One request of the file: no id or times, which are the importing Junction's own. */
export type SavedEntry = Pick<SavedRequest, 'service' | 'name' | 'request'>;

const MAX_FILE_ENTRIES = SAVED_MAX_PER_SERVICE * SERVICE_IDS.length;

const fileSchema = z.object({
  format: z.literal(SAVED_FILE_FORMAT),
  version: z.literal(SAVED_FILE_VERSION),
  requests: z
    .array(z.strictObject({ service: z.enum(SERVICE_IDS), name: savedName, request: savedDraft }))
    .max(MAX_FILE_ENTRIES, `must have at most ${MAX_FILE_ENTRIES} requests`),
});

/** The file's text: pretty-printed, so a person can read and diff it. */
export function exportText(requests: SavedRequest[], exportedAt: number): string {
  const entries: SavedEntry[] = requests.map(({ service, name, request }) => ({ service, name, request }));
  return `${JSON.stringify({ format: SAVED_FILE_FORMAT, version: SAVED_FILE_VERSION, exportedAt: new Date(exportedAt).toISOString(), requests: entries }, null, 2)}\n`;
}

const nothing = 'Nothing was imported; your saved requests are as they were.';

/** Parses an exported file's text, or refuses it with `invalid_input` saying what is wrong. */
export function parseExport(text: string): SavedEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    // Not the parser's own words: they quote the file, which may hold a token.
    const cut = error instanceof SyntaxError && /end of JSON input|Unterminated/i.test(error.message);
    const detail = cut ? 'it ends part-way through' : 'it does not parse';
    throw new CoreError('invalid_input', `This file is not JSON, so it may be damaged (${detail}). ${nothing}`);
  }
  const document = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  if (document?.format !== SAVED_FILE_FORMAT) {
    throw new CoreError('invalid_input', `This is not a file of Junction's saved requests (choose one made with Export). ${nothing}`);
  }
  if (typeof document.version === 'number' && document.version > SAVED_FILE_VERSION) {
    throw new CoreError(
      'invalid_input',
      `This file was made by a newer Junction (version ${document.version}); update Junction to import it. ${nothing}`,
    );
  }
  const checked = fileSchema.safeParse(document);
  if (!checked.success) {
    throw new CoreError('invalid_input', `This file of saved requests is damaged: ${describeIssues(checked.error)}. ${nothing}`);
  }
  return checked.data.requests;
}

/** The services an import would take past SAVED_MAX_PER_SERVICE, in words; empty when all fit. */
export function overflow(counts: Map<ServiceId, number>): string[] {
  return [...counts].filter(([, count]) => count > SAVED_MAX_PER_SERVICE).map(([service, count]) => `${service} (${count})`);
}
