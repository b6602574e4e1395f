import { ERROR_CODES, type ErrorCode } from '../../src-shared/types';

/** The words to show for anything a call rejected with: never `[object Object]`. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  if (error && typeof error === 'object' && 'message' in error) {
    const message = (error as { message: unknown }).message;
    if (typeof message === 'string' && message) return message;
  }
  try {
    const text = JSON.stringify(error);
    if (text && text !== '{}') return `Something went wrong: ${text}`;
  } catch {
    // fall through to the generic message
  }
  return 'Something went wrong. Try again.';
}

export function errorCode(error: unknown): ErrorCode | undefined {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code)) return code as ErrorCode;
  }
  return undefined;
}

/** The scopes a refused call needs (the core's scope doctor, carried by the bridge's error); empty when none were named. */
export function errorMissingScopes(error: unknown): string[] {
  if (!error || typeof error !== 'object' || !('missingScopes' in error)) return [];
  const scopes = (error as { missingScopes: unknown }).missingScopes;
  return Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [];
}
