// IPC: one `ipcMain.handle` per contract channel, generated from the contract's CHANNELS so the
// list can never drift from the core's table. Each handler checks who is calling (security
// checklist item 17) and answers with the `{ ok, data | error: { code, message } }` envelope,
// because Electron serialises only the message of a rejected invoke and the renderer needs the
// code to decide what to show.
import type { IpcMainInvokeEvent } from 'electron';
import type { Core } from '../core/options';
import { CHANNELS } from '../../src-shared/channels';
import type { CoreErrorShape, CoreEvent, Envelope, ErrorCode } from '../../src-shared/types';
import { ERROR_CODES } from '../../src-shared/types';
import { EVENT_CHANNEL } from '../../src-shared/bridge';

/** The part of `ipcMain` used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Decides whether a frame may talk to the core; see `createSenderCheck`. */
export type SenderCheck = (event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>) => boolean;

export interface IpcLog {
  warn(message: string): void;
  error(message: string): void;
}

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

export const REFUSED_SENDER: CoreErrorShape = {
  code: 'access_denied',
  message: 'This page is not allowed to use Junction.',
};

const INTERNAL_ERROR: CoreErrorShape = {
  code: 'internal',
  message: 'Junction hit a bug and could not finish this. Try again; if it keeps happening, the log (Help → Open Logs Folder) has details.',
};

/** Origins of the app's own page: the privileged `app://junction` scheme, or the dev server in development. */
export function appOrigins(appOrigin: string, devServerUrl: string | undefined): ReadonlySet<string> {
  const origins = new Set([appOrigin]);
  if (devServerUrl) origins.add(new URL(devServerUrl).origin);
  return origins;
}

function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    // Non-special schemes (app:) report origin "null"; rebuild it from protocol and host.
    return parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
  } catch {
    return undefined;
  }
}

/**
 * Only the top-level frame of one of our windows, showing a page of the app's own origin, may
 * call. An iframe, a navigated-away page, a destroyed frame or another window's page is refused.
 */
export function createSenderCheck(trustedOrigins: ReadonlySet<string>, isOwnWebContents: (id: number) => boolean): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    if (!frame) return false;
    if (frame.parent !== null) return false;
    if (!isOwnWebContents(event.sender.id)) return false;
    const origin = originOf(frame.url);
    return origin !== undefined && trustedOrigins.has(origin);
  };
}

function errorShape(error: unknown): CoreErrorShape | undefined {
  // Duck-typed rather than `instanceof CoreError`: the code and message are the contract, and a
  // second copy of the class (another bundle chunk) must not turn real errors into internal ones.
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message, missingScopes } = error as { code?: unknown; message?: unknown; missingScopes?: unknown };
  if (typeof code === 'string' && KNOWN_CODES.has(code) && typeof message === 'string') {
    const scopes = scopeList(missingScopes);
    return { code: code as ErrorCode, message, ...(scopes ? { missingScopes: scopes } : {}) };
  }
  return undefined;
}

/** The scopes a missing permission needs (Grant access), kept only when they are plainly a short list of strings. */
function scopeList(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > 50) return undefined;
  return value.every((scope) => typeof scope === 'string' && scope.length > 0 && scope.length <= 256)
    ? [...(value as string[])]
    : undefined;
}

/** Runs one call and folds the outcome into the envelope; never rejects. */
export async function toEnvelope(run: () => Promise<unknown>, log: IpcLog, channel: string): Promise<Envelope> {
  try {
    return { ok: true, data: await run() };
  } catch (error: unknown) {
    const shape = errorShape(error);
    if (shape) return { ok: false, error: shape };
    // Not a coded error: a bug. The person gets a generic message; the log gets the name and
    // message only (no payload, which may hold a header value the person typed).
    log.error(`Unexpected failure on ${channel}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    return { ok: false, error: INTERNAL_ERROR };
  }
}

/** Registers every contract channel; returns a function that removes them again. */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  core: Pick<Core, 'invokeUntrusted'>,
  isTrusted: SenderCheck,
  log: IpcLog,
): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, payload) => {
      if (!isTrusted(event)) {
        log.warn(`Refused ${channel} from a frame that is not Junction's own page.`);
        return { ok: false, error: REFUSED_SENDER } satisfies Envelope;
      }
      return toEnvelope(() => core.invokeUntrusted(channel, payload), log, channel);
    });
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** Where core events go: any live window of ours. */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, event: CoreEvent): void;
}

/** Forwards core events to the renderer; returns the core's unsubscribe function. */
export function forwardCoreEvents(core: Pick<Core, 'onEvent'>, targets: () => readonly EventTarget[]): () => void {
  return core.onEvent((event) => {
    for (const target of targets()) {
      if (!target.isDestroyed()) target.send(EVENT_CHANNEL, event);
    }
  });
}
