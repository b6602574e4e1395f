import type { CoreErrorShape, ErrorCode } from '../../src-shared/types';

/** The one error class of the core: a stable `code` and a message that says what to do next. */
export class CoreError extends Error {
  readonly code: ErrorCode;
  /** The scopes a missing permission needs, for the window's Grant access button. */
  declare readonly missingScopes?: string[];

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; missingScopes?: string[] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CoreError';
    this.code = code;
    if (options?.missingScopes && options.missingScopes.length > 0) this.missingScopes = [...options.missingScopes];
  }

  toJSON(): CoreErrorShape {
    return { code: this.code, message: this.message, ...(this.missingScopes ? { missingScopes: [...this.missingScopes] } : {}) };
  }
}

/** Junction's own fault: the person hears it is a bug and where the log is; the cause stays for the log. */
export function internalError(cause: unknown): CoreError {
  return new CoreError('internal', INTERNAL_MESSAGE, { cause });
}

export const INTERNAL_MESSAGE =
  'Junction hit a bug and could not finish this. Try again; if it keeps happening, the log (Help → Open Logs Folder) has details.';

export function isCoreError(error: unknown): error is CoreError {
  return error instanceof CoreError;
}

/** Exhaustive switches: the compiler proves this is never reached. */
export function missingCase(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
