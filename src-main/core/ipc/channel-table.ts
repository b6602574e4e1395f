import type { z } from 'zod';
import { isChannel, type Channel, type ChannelResult } from '../../../src-shared/channels';
import { MAX_PAYLOAD_FIELDS } from '../../../src-shared/limits';
import { CoreError } from '../errors';
import { hasMoreKeysThan } from './bounds';
import { schemas, type ChannelPayload } from './contract';

/** One handler per contract channel; the compiler checks none is missing. */
export type Handlers = {
  [C in Channel]: (payload: ChannelPayload<C>) => Promise<ChannelResult<C>> | ChannelResult<C>;
};

/** Names the field and says what is wrong with it, e.g. `scopes.0: is not a valid OAuth scope`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .flatMap((issue) => {
      const at = issue.path.map(String);
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.slice(0, 5).map((key) => `${[...at, key].join('.')}: is not a field of this call`);
      }
      return [`${at.length > 0 ? at.join('.') : 'payload'}: ${issue.message}`];
    })
    .slice(0, 5)
    .join('; ');
}

/**
 * The only way into the core from outside: unknown channels and payloads that do not match the
 * channel's schema are refused before any handler runs. Trusted callers are validated too: the
 * schema fills in defaults and bounds every field whoever calls.
 */
export async function dispatch(handlers: Handlers, channel: unknown, payload: unknown): Promise<unknown> {
  if (!isChannel(channel)) {
    throw new CoreError('unknown_channel', `Junction has no call named ${JSON.stringify(String(channel)).slice(0, 80)}.`);
  }
  // zod would list every unknown field of a payload with a million of them before refusing it.
  if (hasMoreKeysThan(payload, MAX_PAYLOAD_FIELDS)) {
    throw new CoreError(
      'invalid_input',
      `Invalid ${channel} request: payload: must have at most ${MAX_PAYLOAD_FIELDS} fields; send only the fields of this call.`,
    );
  }
  const parsed = schemas[channel].safeParse(payload);
  if (!parsed.success) {
    throw new CoreError('invalid_input', `Invalid ${channel} request: ${describeIssues(parsed.error)}.`);
  }
  const handler = handlers[channel] as (payload: unknown) => unknown;
  return handler(parsed.data);
}
