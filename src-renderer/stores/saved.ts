// Saved requests, as the core keeps them (saved.* channels): the list, and what the person did
// last (a message for the live region). The core drops the headers it owns; the window never
// holds more than it shows.
import { create } from 'zustand';
import type { SavedRequest } from '../../src-shared/saved';
import { SAVED_IMPORT_CHARS } from '../../src-shared/saved';
import type { ServiceId } from '../../src-shared/types';
import { api } from '../api/client';
import { errorMessage } from '../api/errors';
import type { RequestDraft } from '../lib/request';

interface SavedState {
  items: SavedRequest[];
  loaded: boolean;
  /** What happened last, in words: saved, renamed, exported, or why not. */
  message: { tone: 'info' | 'error'; text: string } | null;
  load(): Promise<void>;
  save(service: ServiceId, name: string, request: RequestDraft): Promise<SavedRequest | null>;
  rename(id: string, name: string): Promise<boolean>;
  remove(id: string): Promise<void>;
  exportFile(service?: ServiceId): Promise<void>;
  importFile(file: { size: number; text(): Promise<string> }): Promise<void>;
  dismiss(): void;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export const useSaved = create<SavedState>((set, get) => ({
  items: [],
  loaded: false,
  message: null,
  async load() {
    try {
      set({ items: await api()['saved.list']({}), loaded: true });
    } catch (error) {
      set({ loaded: true, message: { tone: 'error', text: errorMessage(error) } });
    }
  },
  async save(service, name, request) {
    try {
      const saved = await api()['saved.save']({ service, name, request });
      set({ items: [...get().items, saved], message: { tone: 'info', text: `Saved as “${saved.name}”.` } });
      return saved;
    } catch (error) {
      set({ message: { tone: 'error', text: errorMessage(error) } });
      return null;
    }
  },
  async rename(id, name) {
    try {
      const renamed = await api()['saved.rename']({ id, name });
      set({ items: get().items.map((r) => (r.id === id ? renamed : r)), message: { tone: 'info', text: `Renamed to “${renamed.name}”.` } });
      return true;
    } catch (error) {
      set({ message: { tone: 'error', text: errorMessage(error) } });
      return false;
    }
  },
  async remove(id) {
    const name = get().items.find((r) => r.id === id)?.name ?? 'The request';
    try {
      await api()['saved.delete']({ id });
      set({ items: get().items.filter((r) => r.id !== id), message: { tone: 'info', text: `Deleted “${name}”.` } });
    } catch (error) {
      set({ message: { tone: 'error', text: errorMessage(error) } });
    }
  },
  async exportFile(service) {
    try {
      const result = await api()['saved.export'](service ? { service } : {});
      if (result.saved)
        set({ message: { tone: 'info', text: `Exported ${plural(result.count, 'saved request')} to ${result.fileName ?? 'the file'}.` } });
    } catch (error) {
      set({ message: { tone: 'error', text: errorMessage(error) } });
    }
  },
  async importFile(file) {
    // The core refuses more too; checking here spares reading a big file into the window at all.
    if (file.size > SAVED_IMPORT_CHARS) {
      set({ message: { tone: 'error', text: 'That file is over 1 MiB: it is not an export of saved requests. Nothing was imported.' } });
      return;
    }
    try {
      const result = await api()['saved.import']({ text: await file.text() });
      await get().load();
      const skipped = result.skipped ? `; ${result.skipped} ${result.skipped === 1 ? 'was' : 'were'} saved already` : '';
      set({ message: { tone: 'info', text: `Imported ${plural(result.imported, 'saved request')}${skipped}.` } });
    } catch (error) {
      set({ message: { tone: 'error', text: errorMessage(error) } });
    }
  },
  dismiss: () => set({ message: null }),
}));
