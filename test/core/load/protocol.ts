// Messages between the load runner (peers, in the test process) and the load child (the core
// alone, under --expose-gc), so the heap measured is the core's and not the peers' bookkeeping.
import type { ProviderOverride } from '../../../src-main/core/options';
import type { ServiceId } from '../../../src-shared/types';

export type PeerKind = 'google' | 'spotify';

export interface LoadPlan {
  /** Connections per peer (Google's on Gmail, Spotify's on Spotify). */
  connectionsPerPeer: number;
  /** Requests before the first heap reading: JIT, sockets and pools settle. */
  warmup: number;
  /** Requests measured, with two expiries along the way. */
  total: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** How many times a body of `bigBytes` goes through api.request. */
  bigRounds: number;
  bigBytes: number;
  /** The core's body cap (CoreOptions.maxBodyBytes). */
  maxBodyBytes: number;
}

export interface PeerWiring {
  providerOverride: ProviderOverride;
  servicesOverride: Partial<Record<ServiceId, { apiBaseUrl: string }>>;
}

export interface HeapReading {
  heapUsed: number;
  arrayBuffers: number;
  external: number;
  rss: number;
}

export interface LoadReport {
  /** `refreshes`: refresh grants the connection's provider answered for its account. */
  connections: { id: string; kind: PeerKind; accountId: string; refreshes: number }[];
  warmupRequests: number;
  requests: number;
  failures: number;
  failureSamples: string[];
  /** The most requests the core had in flight at once. */
  peakInFlight: number;
  loadMs: number;
  heapBeforeLoad: HeapReading;
  heapAfterLoad: HeapReading;
  big: {
    rounds: number;
    bytesEach: number;
    failures: string[];
    ms: number;
    peakRss: number;
    heapBefore: HeapReading;
    heapAfter: HeapReading;
  };
  overCap: { path: string; truncated: boolean; sizeBytes: number; ms: number }[];
}

export type ChildMessage =
  | { type: 'call'; id: number; op: 'setAccount'; kind: PeerKind; index: number }
  | { type: 'call'; id: number; op: 'expireAccessTokens' }
  | { type: 'result'; report: LoadReport }
  | { type: 'failed'; message: string };

export type ParentMessage = { type: 'start'; plan: LoadPlan; peers: Record<PeerKind, PeerWiring> } | { type: 'reply'; id: number };

export function accountFor(kind: PeerKind, index: number): { sub: string; email: string; name: string } {
  return { sub: `${kind}-user-${index}`, email: `${kind}${index}@example.com`, name: `Load ${kind} ${index}` };
}

/** Under every API base: answers `{ n, sub }` for a live token only (401 otherwise, as the real APIs do). */
export const LOAD_ECHO_PATH = '/load/echo';

/** Paths on the Google peer's Gmail base that stream past any cap, counting what they wrote. */
export const OVER_CAP_PATHS = { chunked: '/test/endless', declared: '/test/huge' } as const;

/**
 * A gzip bomb with an honest Content-Length: 256 MiB of zeros in a few hundred KiB. A reader that
 * trusted the declared (compressed) length would inflate all of it.
 */
export const GZIP_BOMB_PATH = '/test/bomb';
export const GZIP_BOMB_INFLATED = 256 * 1024 * 1024;
