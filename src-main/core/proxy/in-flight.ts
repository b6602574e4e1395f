import { CoreError } from '../errors';

/**
 * What the proxy has running, and who may stop it: `api.cancel` by request id, a disconnect by
 * connection (every request of the connection, tracked or not), `close()` all of them.
 */
export class InFlight {
  private readonly byRequestId = new Map<string, AbortController>();
  private readonly byConnection = new Map<string, Set<AbortController>>();
  /** Connections being disconnected, and by how many calls at once. */
  private readonly suspended = new Map<string, number>();

  /** Makes an operation cancellable through `api.cancel`. */
  track(requestId: string): { controller: AbortController; release(): void } {
    if (this.byRequestId.has(requestId)) {
      throw new CoreError('invalid_input', `requestId: a request with id "${requestId}" is already running; use a new id.`);
    }
    const controller = new AbortController();
    this.byRequestId.set(requestId, controller);
    return { controller, release: () => this.byRequestId.get(requestId) === controller && this.byRequestId.delete(requestId) };
  }

  cancel(requestId: string): { cancelled: boolean } {
    const controller = this.byRequestId.get(requestId);
    if (!controller) return { cancelled: false };
    controller.abort(new CoreError('cancelled', 'You cancelled the request.'));
    this.byRequestId.delete(requestId);
    return { cancelled: true };
  }

  cancelAll(): void {
    for (const requestId of [...this.byRequestId.keys()]) this.cancel(requestId);
  }

  refuseIfSuspended(connectionId: string): void {
    if (this.suspended.has(connectionId)) {
      throw new CoreError('cancelled', 'This connection is being disconnected, so Junction did not send the request.');
    }
  }

  /** Registers a request under its connection until the returned function runs. */
  enlist(connectionId: string, controller: AbortController): () => void {
    const set = this.byConnection.get(connectionId) ?? new Set<AbortController>();
    this.byConnection.set(connectionId, set);
    set.add(controller);
    return () => {
      set.delete(controller);
      if (set.size === 0 && this.byConnection.get(connectionId) === set) this.byConnection.delete(connectionId);
    };
  }

  /**
   * Cancels the connection's requests in flight (one waiting out a Retry-After would otherwise
   * send the token again after the disconnect) and refuses new ones until `resume`: by then the
   * record is gone, or the disconnect failed and the connection may be used again.
   */
  suspend(connectionId: string): () => void {
    this.suspended.set(connectionId, (this.suspended.get(connectionId) ?? 0) + 1);
    for (const controller of this.byConnection.get(connectionId) ?? []) {
      controller.abort(new CoreError('cancelled', 'The connection was disconnected, so Junction stopped this request.'));
    }
    let resumed = false;
    return () => {
      if (resumed) return;
      resumed = true;
      const count = (this.suspended.get(connectionId) ?? 1) - 1;
      if (count > 0) this.suspended.set(connectionId, count);
      else this.suspended.delete(connectionId);
    };
  }
}
