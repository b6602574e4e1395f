// The size limits of the contract (docs/contract.md, "Limits"). Pure constants: the window may
// check a request against them before sending it; the core refuses anything over them with
// `invalid_input`, before it does any work on the payload.

const MiB = 1024 * 1024;

/**
 * An `api.request` body, encoded as UTF-8 (a string as is, any other value as JSON). Gmail's
 * largest message (35 MB, the `messages.send` cap, which a 25 MB attachment fills once MIME has
 * base64-encoded it) is 46.7 MB as the base64url `raw` field of a JSON body; Drive's simple upload
 * is meant for 5 MB or less. Anything larger belongs to a resumable upload, sent in pieces.
 */
export const MAX_BODY_BYTES = 48 * MiB;

/** Headers in one `api.request`. Real calls set a handful; servers refuse a few dozen KB of them anyway. */
export const MAX_HEADERS = 100;

/** Query keys in one `api.request` or `api.paginate` (each key may repeat up to MAX_QUERY_VALUES times). */
export const MAX_QUERY_KEYS = 200;

/** Values of one repeated query key (`labelIds=A&labelIds=B…`). */
export const MAX_QUERY_VALUES = 100;

/**
 * The whole request URL as given: `url` plus every query key and value, counted in characters
 * before percent-encoding. The limit `url` alone always had; query rows now count toward it.
 */
export const MAX_URL_CHARS = 16_384;

/** Values (objects, arrays, strings, numbers, …) in one JSON body or a quick action's params. */
export const MAX_JSON_NODES = 100_000;

/** Nesting of one JSON body or a quick action's params. The deepest Google request body is under 10. */
export const MAX_JSON_DEPTH = 64;

/** Params of one quick action (the actions take at most a handful). */
export const MAX_ACTION_PARAMS = 50;

/** Fields of any payload: no channel has more than eight, so this only bounds the work of refusing junk. */
export const MAX_PAYLOAD_FIELDS = 32;

/** `api.paginate` stops once the items it gathered reach this many (`cappedBy: 'items'`). */
export const PAGINATE_MAX_ITEMS = 100_000;

/** `api.paginate` keeps at most this many bytes of pages (the answers' bodies, `cappedBy: 'bytes'`). */
export const PAGINATE_MAX_BYTES = 50 * MiB;
