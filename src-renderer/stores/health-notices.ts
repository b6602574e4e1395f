// The "your sign-in ends soon" notices: one per `connection.expiring` event, kept until the person
// dismisses it. The core sends the event once per connection and refresh token; the window keeps
// its own guard too, so a replayed event never stacks a second notice.
import { create } from 'zustand';

export interface ExpiringNotice {
  connectionId: string;
  actBy: number;
}

interface HealthNoticesState {
  expiring: ExpiringNotice[];
  /** Keys ever shown, dismissed ones included: `${connectionId}@${actBy}`. */
  seen: string[];
  add(notice: ExpiringNotice): void;
  dismiss(connectionId: string): void;
}

const keyOf = (n: ExpiringNotice) => `${n.connectionId}@${n.actBy}`;

export const useHealthNotices = create<HealthNoticesState>((set, get) => ({
  expiring: [],
  seen: [],
  add(notice) {
    const key = keyOf(notice);
    if (get().seen.includes(key)) return;
    set({ expiring: [...get().expiring.filter((n) => n.connectionId !== notice.connectionId), notice], seen: [...get().seen, key] });
  },
  dismiss(connectionId) {
    set({ expiring: get().expiring.filter((n) => n.connectionId !== connectionId) });
  },
}));
