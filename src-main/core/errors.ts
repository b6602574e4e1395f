import type { CoreErrorShape, ErrorCode } from './types';

/** The one error class of the core: a stable `code` and a message that says what to do next. */
export class CoreError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CoreError';
    this.code = code;
  }

  toJSON(): CoreErrorShape {
    return { code: this.code, message: this.message };
  }
}

export function isCoreError(error: unknown): error is CoreError {
  return error instanceof CoreError;
}

/** Exhaustive switches: the compiler proves this is never reached. */
export function missingCase(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
