// Which view the main pane shows. Kept apart from the data stores: moving around fetches nothing.
import { create } from 'zustand';
import type { ProviderId, ServiceId } from '../../src-shared/types';

export type View =
  | { kind: 'service'; service: ServiceId }
  | { kind: 'connection'; id: string }
  | { kind: 'console' }
  | { kind: 'history' }
  | { kind: 'settings'; provider?: ProviderId };

interface NavigationState {
  view: View;
  go(view: View): void;
}

export const useNavigation = create<NavigationState>((set) => ({
  view: { kind: 'service', service: 'google_gmail' },
  go: (view) => set({ view }),
}));
