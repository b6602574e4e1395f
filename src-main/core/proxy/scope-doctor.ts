// The scope doctor: recognises an API's "your token lacks a scope" answer and names the scopes to
// ask for, so the window can offer Grant access instead of leaving the person to guess.
// Google: 403 with `ACCESS_TOKEN_SCOPE_INSUFFICIENT` in `error.details[].reason` or
// `insufficientPermissions` in `error.errors[].reason`, often with a
// `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` header (RFC 6750 §3.1);
// Spotify: 403 `{"error":{"status":403,"message":"Insufficient client scope"}}`.
import { shortScope } from '../actions/scopes';
import type { ServiceDefinition } from '../providers/types';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const reasons = (list: unknown): unknown[] => (Array.isArray(list) ? list.map((item) => (isRecord(item) ? item.reason : undefined)) : []);

/** The scopes a `WWW-Authenticate` challenge names with `error="insufficient_scope"`; null when it is not one. */
export function challengedScopes(header: string | undefined): string[] | null {
  if (!header || !/\berror\s*=\s*"?insufficient_scope"?/i.test(header)) return null;
  const scope = /\bscope\s*=\s*"([^"]*)"/i.exec(header)?.[1] ?? /\bscope\s*=\s*([^\s,]+)/i.exec(header)?.[1] ?? '';
  return scope.split(' ').filter(Boolean).slice(0, 50);
}

/** Whether the body is the provider's "insufficient scope" answer. */
export function isInsufficientScopeBody(status: number, json: unknown): boolean {
  if (!isRecord(json) || !isRecord(json.error)) return false;
  const error = json.error;
  if (reasons(error.details).includes('ACCESS_TOKEN_SCOPE_INSUFFICIENT')) return true;
  if (reasons(error.errors).includes('insufficientPermissions')) return true;
  return status === 403 && typeof error.message === 'string' && /^insufficient client scope$/i.test(error.message.trim());
}

export interface ScopeDiagnosis {
  missingScopes: string[];
  hint: string;
}

/**
 * What is missing, in order of trust: the scopes the challenge header names; else the scopes the
 * quick action declares; else the service's own scopes, then its optional ones, not granted.
 * null when the answer is not about a missing scope.
 */
export function diagnoseScopes(answer: {
  status: number;
  headers: Record<string, string>;
  json?: unknown;
  granted: readonly string[];
  declared?: readonly string[] | undefined;
  service: Pick<ServiceDefinition, 'name' | 'scopes' | 'optionalScopes'>;
}): ScopeDiagnosis | null {
  if (answer.status !== 401 && answer.status !== 403) return null;
  const challenged = challengedScopes(answer.headers['www-authenticate']);
  if (challenged === null && !isInsufficientScopeBody(answer.status, answer.json)) return null;
  const have = new Set(answer.granted.map(shortScope));
  const notGranted = (scopes: readonly string[]) => scopes.filter((scope) => !have.has(shortScope(scope)));
  const candidates = [
    challenged && challenged.length > 0 ? (notGranted(challenged).length > 0 ? notGranted(challenged) : challenged) : [],
    notGranted(answer.declared ?? []),
    notGranted(answer.service.scopes),
    notGranted(answer.service.optionalScopes.map((optional) => optional.scope)),
  ];
  const missingScopes = [...new Set(candidates.find((list) => list.length > 0) ?? [])];
  const names = missingScopes.map(shortScope).join(', ');
  return {
    missingScopes,
    hint: missingScopes.length
      ? `${answer.service.name} refused this because the connection was not granted ${missingScopes.length === 1 ? 'the scope' : 'the scopes'} ${names}. Use Grant access to sign in again with ${missingScopes.length === 1 ? 'it' : 'them'}; the connection stays the same.`
      : `${answer.service.name} refused this for a missing scope, but did not say which. Reconnect the account with the scopes this call needs.`,
  };
}
