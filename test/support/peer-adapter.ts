import type { Adapter, AdapterPayload } from 'oidc-provider';

// oidc-provider's built-in memory adapter keeps one LRU shared by every Provider in the process
// and cannot be listed, so "revoked elsewhere" could not be simulated per peer. This store is
// per peer, never evicts, and can drop every token of a kind at once.

interface Entry {
  payload: AdapterPayload;
  /** Epoch ms after which the entry is gone; undefined: never. */
  expiresAt: number | undefined;
}

export type ModelName = 'AccessToken' | 'RefreshToken' | 'AuthorizationCode' | 'Grant' | 'Session' | 'Interaction';

export interface PeerStore {
  adapterFor(model: string): Adapter;
  /** Deletes every stored entry of these models; returns how many went. */
  clear(models: ModelName[]): number;
  /** Live payloads of one model, for assertions. */
  list(model: ModelName): AdapterPayload[];
  /** Every access token, refresh token and code ever stored, dead or alive: for leak checks. */
  issued(): string[];
  /** Marks every entry of a model expired (exp in the past) without deleting it; returns how many. */
  expire(model: ModelName): number;
}

export function createPeerStore(): PeerStore {
  const models = new Map<string, Map<string, Entry>>();
  const issued = new Set<string>();

  function table(model: string): Map<string, Entry> {
    let found = models.get(model);
    if (!found) {
      found = new Map();
      models.set(model, found);
    }
    return found;
  }

  function live(model: string, id: string): AdapterPayload | undefined {
    const rows = table(model);
    const entry = rows.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      rows.delete(id);
      return undefined;
    }
    return entry.payload;
  }

  function adapterFor(model: string): Adapter {
    const rows = table(model);
    return {
      async upsert(id, payload, expiresIn) {
        // A minute of grace past expiry: the models still refuse expired entries themselves, and
        // the resource server can tell "expired" from "unknown" as Spotify's error messages do.
        const expiresAt = typeof expiresIn === 'number' ? Date.now() + (expiresIn + 60) * 1000 : undefined;
        rows.set(id, { payload, expiresAt });
        if (model === 'AccessToken' || model === 'RefreshToken' || model === 'AuthorizationCode') issued.add(id);
      },
      async find(id) {
        return live(model, id);
      },
      async findByUid(uid) {
        for (const [id, entry] of rows) if (entry.payload.uid === uid) return live(model, id);
        return undefined;
      },
      async findByUserCode(userCode) {
        for (const [id, entry] of rows) if (entry.payload.userCode === userCode) return live(model, id);
        return undefined;
      },
      async consume(id) {
        const payload = live(model, id);
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        rows.delete(id);
      },
      async revokeByGrantId(grantId) {
        // Reuse detection of rotated refresh tokens lands here: the whole grant dies, as at Spotify.
        for (const rowsOfModel of models.values()) {
          for (const [id, entry] of rowsOfModel) if (entry.payload.grantId === grantId) rowsOfModel.delete(id);
        }
      },
    };
  }

  return {
    adapterFor,
    clear(names) {
      let count = 0;
      for (const name of names) {
        const rows = table(name);
        count += rows.size;
        rows.clear();
      }
      return count;
    },
    expire(model) {
      const past = Math.floor(Date.now() / 1000) - 1;
      const rows = table(model);
      for (const entry of rows.values()) entry.payload.exp = past;
      return rows.size;
    },
    issued: () => [...issued],
    list(model) {
      const rows = table(model);
      return [...rows.keys()].map((id) => live(model, id)).filter((p): p is AdapterPayload => p !== undefined);
    },
  };
}
