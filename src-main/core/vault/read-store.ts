// Reading connections.json: version 2 links and grants as they are, version 1 records migrated
// (records.ts, `migrateV1`), and anything unreadable kept aside to be written back untouched.
import { randomUUID } from 'node:crypto';
import { isV1Entry, migrateV1, storedGrant, storedLink, type StoredGrant, type StoredLink } from './records';

export interface ReadStore {
  links: Map<string, StoredLink>;
  grants: Map<string, StoredGrant>;
  unreadable: { connections: Record<string, unknown>; grants: Record<string, unknown> };
  /** How many records could not be used. */
  skipped: number;
  /** Version 1 records were migrated: the caller writes the store back at once. */
  migrated: boolean;
}

export function readStore(rawLinks: Record<string, unknown>, rawGrants: Record<string, unknown>): ReadStore {
  const read: ReadStore = { links: new Map(), grants: new Map(), unreadable: { connections: {}, grants: {} }, skipped: 0, migrated: false };
  const v1: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(rawLinks)) {
    if (isV1Entry(value)) {
      v1[id] = value;
      continue;
    }
    const parsed = storedLink.safeParse(value);
    if (parsed.success && parsed.data.id === id) read.links.set(id, parsed.data);
    else {
      read.unreadable.connections[id] = value;
      read.skipped += 1;
    }
  }
  for (const [id, value] of Object.entries(rawGrants)) {
    const parsed = storedGrant.safeParse(value);
    if (parsed.success && parsed.data.id === id) read.grants.set(id, parsed.data);
    else {
      read.unreadable.grants[id] = value;
      read.skipped += 1;
    }
  }
  if (Object.keys(v1).length > 0) {
    const migrated = migrateV1(v1, randomUUID);
    for (const grant of migrated.grants) read.grants.set(grant.id, grant);
    for (const link of migrated.links) read.links.set(link.id, link);
    Object.assign(read.unreadable.connections, migrated.unreadable);
    read.skipped += Object.keys(migrated.unreadable).length;
    read.migrated = true;
  }
  // A link whose grant is unreadable cannot work: it is kept in the file, untouched, not shown.
  for (const [id, link] of read.links) {
    if (!read.grants.has(link.grantId)) {
      read.links.delete(id);
      read.unreadable.connections[id] = link;
      read.skipped += 1;
    }
  }
  return read;
}
