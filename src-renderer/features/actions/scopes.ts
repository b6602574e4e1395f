// Which of an action's scope needs a connection does not meet, to say so before the person runs it.
// The core checks again and refuses with the same scope named; this only saves the round trip.
import type { Connection } from '../../../src-shared/types';

const GOOGLE_PREFIX = 'https://www.googleapis.com/auth/';

const short = (scope: string) => (scope.startsWith(GOOGLE_PREFIX) ? scope.slice(GOOGLE_PREFIX.length) : scope);

/** For each unmet need (a list of alternatives), the scope to ask for, spelled as the consent screen wants it. */
export function missingScopes(connection: Pick<Connection, 'scopes' | 'provider'>, needs: string[][]): string[] {
  const have = new Set(connection.scopes.map(short));
  return needs
    .filter((anyOf) => anyOf.length > 0 && !anyOf.some((s) => have.has(short(s))))
    .map((anyOf) => {
      const first = anyOf[0] as string;
      return connection.provider === 'google' && !first.includes(':') ? GOOGLE_PREFIX + first : first;
    });
}
