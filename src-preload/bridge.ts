// The bridge the renderer sees as `window.junction` (docs/contract.md, "The bridge"). It takes any
// transport, so the same code runs over `ipcRenderer` in the app and over a test's own `invoke` (a
// real core in the test process, an in-page fake). It allows exactly the contract's channels and
// turns the shell's `{ ok, data | error }` envelope back into a coded error, because over Electron
// IPC only an error's message survives a rejection. It imports only src-shared: no zod, no Node.
import type { JunctionBridge } from '../src-shared/bridge';
import { isChannel } from '../src-shared/channels';
import type { CoreErrorShape, CoreEvent, Envelope, ErrorCode } from '../src-shared/types';
import { ERROR_CODES } from '../src-shared/types';

export type { JunctionBridge } from '../src-shared/bridge';
export { EVENT_CHANNEL } from '../src-shared/bridge';

/** Sends one call and resolves with the shell's envelope (never rejects for a core error). */
export type EnvelopeInvoke = (channel: string, payload: unknown) => Promise<unknown>;

/** Delivers core events; returns a function that stops the delivery. */
export type EventSubscribe = (listener: (event: CoreEvent) => void) => () => void;

/** What a rejected bridge call carries: the core's stable code and a message for the person. */
export class BridgeError extends Error implements CoreErrorShape {
  readonly code: ErrorCode;
  /** The scopes a missing permission needs, for Grant access; only when the core named them. */
  declare readonly missingScopes?: string[];

  constructor(code: ErrorCode, message: string, missingScopes?: unknown) {
    super(message);
    this.name = 'BridgeError';
    this.code = code;
    if (Array.isArray(missingScopes) && missingScopes.length > 0 && missingScopes.every((s) => typeof s === 'string')) {
      this.missingScopes = [...(missingScopes as string[])];
    }
  }
}

export function isBridgeError(error: unknown): error is BridgeError {
  return error instanceof BridgeError;
}

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isErrorShape(value: unknown): value is CoreErrorShape {
  return isRecord(value) && typeof value['code'] === 'string' && KNOWN_CODES.has(value['code']) && typeof value['message'] === 'string';
}

/** Narrows what came over the wire; anything else is a shell bug, not data to trust. */
export function isEnvelope(value: unknown): value is Envelope {
  if (!isRecord(value)) return false;
  if (value['ok'] === true) return 'data' in value;
  if (value['ok'] === false) return isErrorShape(value['error']);
  return false;
}

/** Resolves with `data`, or rejects with a `BridgeError` carrying the envelope's code. */
export function unwrapEnvelope(value: unknown): unknown {
  if (!isEnvelope(value)) {
    // The main process answered something that is not an envelope: Junction's own bug.
    throw new BridgeError(
      'internal',
      'Junction hit a bug: its window received an answer it could not read. Restart Junction; if it keeps happening, the log (Help → Open Logs Folder) has details.',
    );
  }
  if (value.ok) return value.data;
  throw new BridgeError(value.error.code, value.error.message, value.error.missingScopes);
}

const noEvents: EventSubscribe = () => () => undefined;

/**
 * Builds the `window.junction` object over any transport. `invoke` must resolve with the shell's
 * envelope; `subscribe` delivers core events (optional for tests that need none).
 */
export function createBridge(invoke: EnvelopeInvoke, subscribe: EventSubscribe = noEvents): JunctionBridge {
  return Object.freeze({
    async invoke(channel: string, payload?: unknown): Promise<unknown> {
      // Checked here as well as in main so a typo fails fast with the same code the core uses,
      // and so nothing but contract channels ever reaches the transport.
      if (!isChannel(channel)) {
        throw new BridgeError('unknown_channel', `"${String(channel)}" is not something Junction can do.`);
      }
      return unwrapEnvelope(await invoke(channel, payload ?? {}));
    },
    onEvent(listener: (event: CoreEvent) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
      return subscribe(listener);
    },
  });
}
