// Granted versus asked: every scope that matters to a connection (asked at sign-in, offered,
// granted, or needed by a quick action), with its plain meaning, whether the provider granted it
// (the person can untick boxes on Google's consent screen) and which quick actions need it.
import type { ActionDescriptor } from '../../../src-shared/actions';
import type { Connection, Service } from '../../../src-shared/types';

const GOOGLE_PREFIX = 'https://www.googleapis.com/auth/';

export const shortScope = (scope: string) => (scope.startsWith(GOOGLE_PREFIX) ? scope.slice(GOOGLE_PREFIX.length) : scope);

export type ScopeKind = 'asked' | 'optional' | 'extra' | 'action';

export interface ScopeRow {
  scope: string;
  meaning: string | null;
  granted: boolean;
  /** asked: every sign-in asks for it; optional: offered as a tick; extra: granted beyond both; action: only a quick action needs it. */
  kind: ScopeKind;
  /** Titles of the quick actions that can use it (it is one of their alternatives). */
  actions: string[];
}

function fullScope(provider: Connection['provider'], scope: string): string {
  return provider === 'google' && !scope.includes(':') && !['openid', 'email', 'profile'].includes(scope) ? GOOGLE_PREFIX + scope : scope;
}

// Google grants the identity scopes under other names: its token response lists `email` as
// `userinfo.email` and `profile` as `userinfo.profile`.
const GOOGLE_ALIASES: Readonly<Record<string, string>> = { 'userinfo.email': 'email', 'userinfo.profile': 'profile' };

/** What the connection's identity shows was granted even when the token response leaves it out (a token for an API audience). */
function evidentIdentity(connection: Connection): string[] {
  if (connection.provider !== 'google') return [];
  const { id, email, displayName } = connection.account;
  return [...(id ? ['openid'] : []), ...(email ? ['email'] : []), ...(displayName ? ['profile'] : [])];
}

export function scopeRows(connection: Connection, service: Service | undefined, actions: readonly ActionDescriptor[]): ScopeRow[] {
  const short = connection.scopes.map(shortScope);
  const granted = new Set([...short, ...short.map((s) => GOOGLE_ALIASES[s] ?? s), ...evidentIdentity(connection)]);
  const meanings = new Map<string, string>();
  for (const { scope, description } of [...(service?.optionalScopes ?? []), ...(service?.scopeInfo ?? [])]) {
    meanings.set(shortScope(scope), description);
  }
  const rows = new Map<string, ScopeRow>();
  const add = (scope: string, kind: ScopeKind) => {
    const key = shortScope(scope);
    if (rows.has(key)) return;
    const users = actions.filter((a) => a.scopes.some((anyOf) => anyOf.some((s) => shortScope(s) === key))).map((a) => a.title);
    rows.set(key, {
      scope: fullScope(connection.provider, scope),
      meaning: meanings.get(key) ?? null,
      granted: granted.has(key),
      kind,
      actions: users,
    });
  };
  for (const scope of service?.scopes ?? []) add(scope, 'asked');
  for (const { scope } of service?.optionalScopes ?? []) add(scope, 'optional');
  for (const scope of connection.scopes) if (!rows.has(GOOGLE_ALIASES[shortScope(scope)] ?? '')) add(scope, 'extra');
  // An action's first alternative is the one Grant access would ask for.
  for (const action of actions)
    for (const anyOf of action.scopes) if (anyOf[0] && !anyOf.some((s) => rows.has(shortScope(s)))) add(anyOf[0], 'action');
  return [...rows.values()];
}
