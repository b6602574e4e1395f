import { create } from 'zustand';
import type { Service, ServiceId } from '../../src-shared/types';
import { api } from '../api/client';
import { errorMessage } from '../api/errors';

interface ServicesState {
  services: Service[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
}

export const useServices = create<ServicesState>((set) => ({
  services: [],
  loaded: false,
  error: null,
  async load() {
    try {
      const services = await api()['services.list']();
      set({ services, loaded: true, error: null });
    } catch (error) {
      set({ loaded: true, error: errorMessage(error) });
    }
  },
}));

export function findService(services: Service[], id: ServiceId): Service | undefined {
  return services.find((s) => s.id === id);
}
