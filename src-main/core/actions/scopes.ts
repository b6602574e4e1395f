import { CoreError } from '../errors';
import type { Connection } from '../../../src-shared/types';

// Google's token response lists scopes as full URLs, while people (and docs/providers.md) write them
// short; comparing the short forms lets either spelling satisfy a requirement.
const GOOGLE_SCOPE_PREFIX = 'https://www.googleapis.com/auth/';

export function shortScope(scope: string): string {
  return scope.startsWith(GOOGLE_SCOPE_PREFIX) ? scope.slice(GOOGLE_SCOPE_PREFIX.length) : scope;
}

/**
 * One capability an action needs. Providers accept several scopes for the same call (Gmail's list
 * works with `gmail.readonly`, `gmail.modify` or full mail access), so any one of `anyOf` satisfies
 * it; the first one is the narrowest, the one we ask the person to grant.
 */
export interface ScopeRequirement {
  anyOf: readonly string[];
}

export function requireAny(...anyOf: string[]): ScopeRequirement {
  if (anyOf.length === 0) throw new Error('a scope requirement needs at least one scope');
  return { anyOf };
}

/** The requirements this connection does not meet; empty when it may run the action. */
export function missingRequirements(granted: readonly string[], required: readonly ScopeRequirement[]): ScopeRequirement[] {
  const have = new Set(granted.map(shortScope));
  return required.filter((requirement) => !requirement.anyOf.some((scope) => have.has(shortScope(scope))));
}

/** The scope to ask for: full URL for Google (what the consent screen and `oauth.start` take). */
export function preferredScope(requirement: ScopeRequirement, provider: Connection['provider']): string {
  const [first] = requirement.anyOf;
  if (first === undefined) throw new Error('a scope requirement needs at least one scope');
  return provider === 'google' && !first.includes(':') ? GOOGLE_SCOPE_PREFIX + first : first;
}

/**
 * Fails before any request is sent, so the person learns which scope is missing instead of reading
 * the provider's generic 403 after the fact.
 */
export function assertScopes(connection: Connection, required: readonly ScopeRequirement[], actionTitle: string): void {
  const missing = missingRequirements(connection.scopes, required);
  if (missing.length === 0) return;
  const names = missing.map((requirement) => preferredScope(requirement, connection.provider));
  const list = names.join(', ');
  throw new CoreError(
    'access_denied',
    `"${actionTitle}" needs the scope ${list}, which this connection was not granted. ` +
      `Reconnect the account (Grant access) with ${names.length === 1 ? 'that scope' : 'those scopes'} allowed.`,
    { missingScopes: names },
  );
}
