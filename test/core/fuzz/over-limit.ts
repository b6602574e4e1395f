// Over-limit payloads for the channel fuzzer: a payload of a real channel, valid but for one thing
// past a limit of src-shared/limits.ts — a body over MAX_BODY_BYTES, JSON with too many values or
// levels, too many headers, query keys, repeated values or params, a URL that its query rows take
// past MAX_URL_CHARS, a payload with too many fields. Sizes run from just past the limit to
// hundreds of times it, so both the edge and the bulk are drawn.
import fc from 'fast-check';
import type { Channel } from '../../../src-shared/channels';
import {
  MAX_ACTION_PARAMS,
  MAX_BODY_BYTES,
  MAX_HEADERS,
  MAX_JSON_DEPTH,
  MAX_JSON_NODES,
  MAX_PAYLOAD_FIELDS,
  MAX_QUERY_KEYS,
  MAX_QUERY_VALUES,
  MAX_URL_CHARS,
} from '../../../src-shared/limits';

export interface OverLimit {
  /** Which limit it breaks, for the failure message and the tally. */
  what: string;
  channel: Channel;
  payload: unknown;
}

/** Twice the body limit, flat as IPC delivers strings; payloads take slices of it (no copies). */
const HUGE = Buffer.alloc(2 * MAX_BODY_BYTES, 'a').toString('latin1');
const text = (length: number) => HUGE.slice(0, length);

const keyed = (count: number, value: (i: number) => unknown = () => 'v') => {
  const record: Record<string, unknown> = {};
  for (let i = 0; i < count; i += 1) record[`k${i}`] = value(i);
  return record;
};
const nested = (depth: number): unknown => {
  let value: unknown = 0;
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
};

/**
 * Counts from just past `limit` to `times` times it, the small ones as likely as the large. Key
 * counts stay under about 20,000: V8 lists all of an object's keys before a loop can stop, about
 * 0.3 µs a key (more on a loaded machine), which the 50 ms bound is not about.
 */
const past = (limit: number, times: number) =>
  fc.oneof(fc.integer({ min: limit + 1, max: limit + 10 }), fc.integer({ min: limit + 1, max: limit * times }));

export function overLimit(live: { connectionId: string; actionId: string }): fc.Arbitrary<OverLimit> {
  const { connectionId } = live;
  const request = (extra: Record<string, unknown>) => ({ connectionId, url: '/test/echo', ...extra });
  const post = (body: unknown) => request({ method: 'POST', body });
  const cases: fc.Arbitrary<OverLimit>[] = [
    past(MAX_BODY_BYTES, 2).map((n) => ({ what: 'body string', channel: 'api.request', payload: post(text(n)) })),
    past(MAX_BODY_BYTES, 2).map((n) => ({
      what: 'body JSON strings',
      channel: 'api.request',
      payload: post({ raw: text(Math.ceil(n / 2)), copy: text(Math.ceil(n / 2)) }),
    })),
    past(MAX_JSON_NODES, 10).map((n) => ({ what: 'body JSON values', channel: 'api.request', payload: post(new Array(n).fill(0)) })),
    past(MAX_JSON_DEPTH, 150).map((n) => ({ what: 'body JSON depth', channel: 'api.request', payload: post(nested(n)) })),
    past(MAX_HEADERS, 200).map((n) => ({ what: 'headers', channel: 'api.request', payload: request({ headers: keyed(n) }) })),
    past(MAX_QUERY_KEYS, 100).map((n) => ({ what: 'query keys', channel: 'api.request', payload: request({ query: keyed(n) }) })),
    past(MAX_QUERY_VALUES, 500).map((n) => ({
      what: 'repeated query values',
      channel: 'api.request',
      payload: request({ query: { labelIds: new Array(n).fill('x') } }),
    })),
    // A URL its query rows take past the limit: few long rows or many short ones.
    fc.tuple(fc.integer({ min: MAX_URL_CHARS + 1, max: 3_000_000 }), fc.integer({ min: 1, max: MAX_QUERY_KEYS })).map(([total, rows]) => {
      const count = Math.max(rows, Math.ceil(total / 16_000));
      return {
        what: 'URL with query rows',
        channel: 'api.request',
        payload: request({ query: keyed(count, () => text(Math.ceil(total / count))) }),
      };
    }),
    fc.integer({ min: MAX_URL_CHARS + 1, max: 3_000_000 }).map((total) => ({
      what: 'paginate URL with query rows',
      channel: 'api.paginate',
      payload: { connectionId, url: '/users/me/messages', query: keyed(Math.ceil(total / 16_000), () => text(16_000)) },
    })),
    past(MAX_QUERY_KEYS, 100).map((n) => ({
      what: 'paginate query keys',
      channel: 'api.paginate',
      payload: { connectionId, url: '/users/me/messages', query: keyed(n) },
    })),
    past(MAX_ACTION_PARAMS, 400).map((n) => ({
      what: 'action params',
      channel: 'actions.run',
      payload: { connectionId, actionId: live.actionId, params: keyed(n) },
    })),
    past(MAX_BODY_BYTES, 2).map((n) => ({
      what: 'action params size',
      channel: 'actions.run',
      payload: { connectionId, actionId: live.actionId, params: { body: text(n) } },
    })),
    fc
      .tuple(fc.constantFrom<Channel>('app.info', 'api.request', 'connections.get', 'oauth.start'), past(MAX_PAYLOAD_FIELDS, 600))
      .map(([channel, n]) => ({ what: 'payload fields', channel, payload: { connectionId, url: '/test/echo', ...keyed(n) } })),
  ];
  return fc.oneof(...cases);
}
