// Guards that bound the work of refusing a payload. zod parses every key of a record, every item
// of an array and every node of a JSON value before it checks how many there were, so a million
// headers kept the main process busy for seconds before anything refused them. Each guard here
// counts with a loop that stops at the limit, and runs before zod walks the value.
import { z } from 'zod';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH, MAX_JSON_NODES, MAX_QUERY_VALUES } from '../../../src-shared/limits';

/** Says what is wrong with a raw value, or null to let the schema judge it. */
export type Guard = (value: unknown) => string | null;

/**
 * `schema`, with `guard` run first on the raw value: the schema never sees a value the guard
 * refuses. Callers see the schema's own input type.
 */
export function guarded<S extends z.ZodType>(schema: S, guard: Guard) {
  // The cast only restates that `schema` takes its own input type, which TypeScript cannot see
  // through the generic.
  const inner = schema as unknown as z.ZodType<z.output<S>, z.input<S>>;
  return z
    .custom<z.input<S>>()
    .superRefine((value, ctx) => {
      const problem = guard(value);
      // `continue: false`: no later check (the URL length of the whole request) looks at it either.
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, continue: false });
    })
    .pipe(inner);
}

/** An object zod would read as a record (arrays, Maps and class instances are refused by type). */
function isRecordLike(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Whether `value` has more than `max` own enumerable keys, stopping at `max + 1`. (V8 lists an
 * object's keys before the first turn of any loop over them: that listing is native and is the
 * one cost left, about 0.3 µs a key.)
 */
export function hasMoreKeysThan(value: unknown, max: number): boolean {
  if (!isRecordLike(value)) return false;
  let count = 0;
  for (const key in value) {
    if (Object.hasOwn(value, key) && ++count > max) return true;
  }
  return false;
}

/** At most `max` keys; `what` names them in the message ("headers", "query keys"). */
export const maxKeys =
  (max: number, what: string): Guard =>
  (value) =>
    hasMoreKeysThan(value, max) ? `must have at most ${max} ${what}` : null;

/** At most `max` items. An array's length is known without looking at its items. */
export const maxItems =
  (max: number): Guard =>
  (value) =>
    Array.isArray(value) && value.length > max ? `must have at most ${max} items` : null;

/** A query: at most `maxKeys` keys, each repeated at most MAX_QUERY_VALUES times. */
export const queryGuard =
  (max: number): Guard =>
  (value) => {
    if (hasMoreKeysThan(value, max)) return `must have at most ${max} query keys`;
    if (!isRecordLike(value)) return null;
    for (const key in value) {
      const item = value[key];
      if (Array.isArray(item) && item.length > MAX_QUERY_VALUES) return `${key}: must repeat at most ${MAX_QUERY_VALUES} times`;
    }
    return null;
  };

const tooBig = `must be at most ${MAX_BODY_BYTES / (1024 * 1024)} MiB (${MAX_BODY_BYTES} bytes) once encoded as UTF-8`;
/** The body limit's message, with what to do instead. */
export const bodyTooLarge = `${tooBig}; send larger files with the API's resumable upload`;

/**
 * A JSON value's size without walking more of it than the limits allow: at most MAX_JSON_NODES
 * values, MAX_JSON_DEPTH levels, and MAX_BODY_BYTES characters of strings and keys (a lower bound
 * on its UTF-8 JSON encoding, which can only be longer). What is not JSON is left to z.json().
 */
export function jsonProblem(value: unknown): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  let nodes = 0;
  let chars = 0;
  while (stack.length > 0) {
    const next = stack.pop() as { value: unknown; depth: number };
    nodes += 1;
    if (next.depth > MAX_JSON_DEPTH) return `must nest at most ${MAX_JSON_DEPTH} levels deep`;
    const item = next.value;
    if (typeof item === 'string') chars += item.length + 2;
    else if (Array.isArray(item)) {
      // The length first: a sparse array can claim a billion items it does not hold.
      if (nodes + stack.length + item.length > MAX_JSON_NODES) return `must have at most ${MAX_JSON_NODES} values in all`;
      chars += 2;
      for (let i = 0; i < item.length; i += 1) stack.push({ value: item[i], depth: next.depth + 1 });
    } else if (isRecordLike(item)) {
      chars += 2;
      for (const key in item) {
        if (!Object.hasOwn(item, key)) continue;
        if (nodes + stack.length >= MAX_JSON_NODES) return `must have at most ${MAX_JSON_NODES} values in all`;
        chars += key.length + 3;
        stack.push({ value: item[key], depth: next.depth + 1 });
      }
    } else chars += 1;
    if (chars > MAX_BODY_BYTES) return tooBig;
    if (nodes + stack.length > MAX_JSON_NODES) return `must have at most ${MAX_JSON_NODES} values in all`;
  }
  return null;
}

/** An `api.request` body: a string is judged by its length alone (UTF-8 can only be longer). */
export const bodyGuard: Guard = (value) => {
  if (typeof value === 'string') return value.length > MAX_BODY_BYTES ? bodyTooLarge : null;
  const problem = jsonProblem(value);
  return problem === tooBig ? bodyTooLarge : problem;
};

/** Characters of `url` plus its query rows as `key=value&`, stopping once past `max`. */
export function urlChars(url: string, query: Record<string, string | string[]> | undefined, max: number): number {
  let total = url.length;
  for (const key in query ?? {}) {
    const value = query?.[key];
    for (const item of Array.isArray(value) ? value : [value ?? '']) {
      total += key.length + item.length + 2;
      if (total > max) return total;
    }
  }
  return total;
}
