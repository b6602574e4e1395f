import type { ChannelPayload } from '../ipc/contract';
import type { ApiResponse, Connection, CoreEvent } from '../../../src-shared/types';

/**
 * What quick actions and paging get from the core. Every byte goes through `request`, which is
 * the `api.request` channel's own path: token manager, refresh, retries, host allowlist.
 */
export interface ActionDeps {
  /** `declaredScopes`: the scopes the quick action needs, so a missing-scope 403 can name them. */
  request(
    payload: ChannelPayload<'api.request'>,
    options?: { signal?: AbortSignal; declaredScopes?: readonly string[] },
  ): Promise<ApiResponse>;
  /** Throws CoreError `not_found` when there is no such connection. */
  getConnection(id: string): Connection;
  /** Registers a cancellable operation under `requestId` (so `api.cancel` reaches it). */
  track(requestId: string): { signal: AbortSignal; release(): void };
  emit(event: CoreEvent): void;
  /** While the connection waits out a provider's rate limit: how long still, in words (the pacer). */
  waiting?(connectionId: string): { waitingMs: number; reason: string } | null;
  /** The core's clock (CoreOptions.now), so "next events" and message dates follow test time. */
  now?: () => number;
}
