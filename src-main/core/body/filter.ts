// `api.body` `filter`: a JSONPath expression through jsonpath-plus (maintained, no dependencies,
// ~20 KB minified, with a safe evaluator for `?()` filters instead of eval). The body is parsed
// whole for it, so this runs in the body worker, never on the main thread.
import { JSONPath } from 'jsonpath-plus';
import { CoreError } from '../errors';

/** Characters of the filter's result sent back; the rest is cut (`truncated`). */
export const FILTER_RESULT_CHARS = 2 * 1024 * 1024;
/** Bodies parsed whole for a filter: a JavaScript string holds at most ~512 M characters. */
export const FILTER_MAX_BYTES = 300 * 1024 * 1024;

const bad = (what: string) =>
  new CoreError('invalid_input', `expression: ${what}. A JSONPath starts with $, e.g. $.items[*].name or $..id.`);

/** jsonpath-plus answers some broken expressions with an empty result: these are caught first. */
function check(expression: string): void {
  if (!expression.trimStart().startsWith('$')) throw bad('must start with $ (the whole answer)');
  const pairs: Record<string, string> = { ']': '[', ')': '(' };
  const open: string[] = [];
  let quote: string | null = null;
  for (const c of expression) {
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '[' || c === '(') open.push(c);
    else if (c === ']' || c === ')') {
      if (open.pop() !== pairs[c]) throw bad(`"${c}" closes nothing`);
    }
  }
  if (quote) throw bad(`a ${quote} quote is never closed`);
  if (open.length > 0) throw bad(`"${open[open.length - 1]}" is never closed`);
}

export function runFilter(bytes: Buffer, expression: string): { op: 'filter'; count: number; json: string; truncated: boolean } {
  check(expression);
  if (bytes.length > FILTER_MAX_BYTES) {
    throw new CoreError('invalid_input', `This answer is over ${FILTER_MAX_BYTES / 1024 / 1024} MB, too big to filter; search it instead.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new CoreError(
      'invalid_input',
      `The body is not valid JSON (${(error as Error).message}), so it cannot be filtered; search it instead.`,
    );
  }
  let result: unknown[];
  try {
    result = JSONPath({ path: expression, json: value as object, wrap: true, eval: 'safe' }) as unknown[];
  } catch (error) {
    throw bad((error as Error).message.replace(/^jsonPath: /, ''));
  }
  const json = JSON.stringify(result, null, 2);
  const truncated = json.length > FILTER_RESULT_CHARS;
  return { op: 'filter', count: result.length, json: truncated ? json.slice(0, FILTER_RESULT_CHARS) : json, truncated };
}
