// One rule for writes: any request that is not GET or HEAD asks once before it leaves, wherever it
// comes from (the console and its presets, History's Re-run, quick actions). The window shows one
// confirmation at a time (WriteConfirmHost); "don't ask again" lasts until the window reloads.
import { create } from 'zustand';
import type { SummaryRow } from '../lib/body-summary';

export interface WriteAsk {
  /** The question, e.g. `Send POST as ada@example.com?`. */
  title: string;
  /** What it changes, in words. */
  description: string;
  /** The method and URL of each request that will change something, as they will go out. */
  targets: { method: string; url: string }[];
  /** The body or params in words; empty when there is none. */
  rows: SummaryRow[];
  confirmLabel: string;
}

interface WriteGuardState {
  pending: (WriteAsk & { id: number }) | null;
  /** The person ticked "don't ask again for this session". */
  trusted: boolean;
  /** Resolves true when the request may go out. */
  confirm(ask: WriteAsk): Promise<boolean>;
  answer(ok: boolean, trust?: boolean): void;
}

/** Reads never ask; everything else may change the person's account. */
export function isWrite(method: string): boolean {
  const upper = method.toUpperCase();
  return upper !== 'GET' && upper !== 'HEAD';
}

let resolvePending: ((ok: boolean) => void) | null = null;
let nextId = 0;

export const useWriteGuard = create<WriteGuardState>((set, get) => ({
  pending: null,
  trusted: false,
  confirm(ask) {
    if (get().trusted) return Promise.resolve(true);
    // A second write while one is asked about: the first is answered "no", never sent unseen.
    resolvePending?.(false);
    return new Promise<boolean>((resolve) => {
      resolvePending = resolve;
      set({ pending: { ...ask, id: ++nextId } });
    });
  },
  answer(ok, trust = false) {
    const resolve = resolvePending;
    resolvePending = null;
    set({ pending: null, ...(ok && trust ? { trusted: true } : {}) });
    resolve?.(ok);
  },
}));
