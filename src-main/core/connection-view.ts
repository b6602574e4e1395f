import type { Catalog } from './config';
import type { Connection } from '../../src-shared/types';
import type { StoredConnection } from './vault/connection-vault';

/** The public face of a stored connection: every field but the secret, plus where its API lives. */
export function toConnection(catalog: Catalog, record: StoredConnection): Connection {
  const { secret: _secret, disconnectingAt: _disconnectingAt, ...rest } = record;
  return { ...rest, apiBaseUrl: catalog.service(record.service).apiBaseUrl };
}
