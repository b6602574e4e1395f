import type { ConnectionView } from '../connection-view';
import { CoreError } from '../errors';
import { SERVICE_IDS, type Connection, type LocalApiKey, type ServiceId } from '../../../src-shared/types';
import type { ConnectionVault, StoredConnection } from '../vault/connection-vault';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isServiceId(value: string): value is ServiceId {
  return (SERVICE_IDS as readonly string[]).includes(value);
}

export function assertKeyMay(key: LocalApiKey, service: ServiceId): void {
  if (!key.services.includes(service)) {
    throw new CoreError(
      'forbidden',
      `The key "${key.name}" may not use ${service}. Create a key for it in Junction's Settings → Local API (it may use: ${key.services.join(', ')}).`,
    );
  }
}

/** The connections this key may see. */
export function listFor(view: ConnectionView, vault: ConnectionVault, key: LocalApiKey): Connection[] {
  return vault
    .list()
    .filter((record) => key.services.includes(record.service))
    .map(view);
}

/**
 * A connection by id, or by service id when that service has exactly one connection; checked
 * against the key's services either way.
 */
export function resolveConnection(vault: ConnectionVault, key: LocalApiKey, ref: string, allowId = true): StoredConnection {
  if (allowId && UUID.test(ref)) {
    const record = vault.find(ref.toLowerCase());
    if (!record)
      throw new CoreError('not_found', `Junction has no connection ${ref}. GET /api/connections lists the ones this key may use.`);
    assertKeyMay(key, record.service);
    return record;
  }
  if (!isServiceId(ref)) {
    throw new CoreError(
      'not_found',
      `"${ref.slice(0, 80)}" is neither a connection id nor a service id (${SERVICE_IDS.join(', ')}). GET /api/connections lists the connections.`,
    );
  }
  assertKeyMay(key, ref);
  const matches = vault.list().filter((record) => record.service === ref);
  if (matches.length === 0) {
    throw new CoreError(
      'not_found',
      `No ${ref} account is connected. Connect one in Junction, or start a sign-in with POST /api/oauth/authorize.`,
    );
  }
  if (matches.length > 1) {
    const choices = matches.map((m) => `${m.id} (${m.account.email ?? m.account.displayName ?? m.account.id ?? 'unknown account'})`);
    throw new CoreError('conflict', `${ref} has ${matches.length} connections; name one by its id: ${choices.join(', ')}.`);
  }
  return matches[0] as StoredConnection;
}
