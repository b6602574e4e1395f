import type { ConnectionView } from './connection-view';
import type { CoreEvent } from '../../src-shared/types';
import type { ConnectionVault } from './vault/connection-vault';

/** How often the clock is checked for grants turning `expiring` while nothing else asks. */
export const HEALTH_CHECK_INTERVAL_MS = 10 * 60_000;

/**
 * Health changes with the clock alone, so something must notice when a grant first turns
 * `expiring`: this tells the window once per connection per refresh token (`connection.expiring`,
 * then `connections.changed`), remembering on disk which end it already announced so a restart
 * does not repeat it.
 */
export class HealthWatch {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: {
      vault: ConnectionVault;
      view: ConnectionView;
      emit(event: CoreEvent): void;
    },
  ) {}

  start(intervalMs = HEALTH_CHECK_INTERVAL_MS): void {
    this.timer = setInterval(() => this.check(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  check(): void {
    const { vault, view, emit } = this.deps;
    const turned: { connectionId: string; actBy: number }[] = [];
    for (const record of vault.list()) {
      if (record.disconnectingAt !== undefined) continue;
      const { health } = view(record);
      if (health.state !== 'expiring' || health.actBy === undefined || record.expiringNotifiedFor === health.actBy) continue;
      try {
        vault.updateLink(record.id, { expiringNotifiedFor: health.actBy }, { touch: false });
      } catch {
        // Not remembered: the notice may come once more after a restart, which is better than never.
      }
      turned.push({ connectionId: record.id, actBy: health.actBy });
    }
    for (const { connectionId, actBy } of turned) emit({ type: 'connection.expiring', connectionId, actBy });
    if (turned.length > 0) emit({ type: 'connections.changed' });
  }
}
