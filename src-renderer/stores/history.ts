// The last 200 requests, kept in localStorage: the renderer has no file system. Entries hold the
// request as typed (credentials redacted) and the outcome's summary, never a response body or token.
import { create } from 'zustand';
import type { ServiceId } from '../../src-shared/types';
import { redactDraft, type RequestDraft } from '../lib/request';

export const HISTORY_LIMIT = 200;
export const HISTORY_KEY = 'junction.history.v1';
const MAX_STORED_BODY = 64 * 1024;

export type HistoryOutcome =
  { kind: 'response'; status: number; statusText: string; durationMs: number; sizeBytes: number } | { kind: 'error'; message: string };

export interface HistoryEntry {
  id: string;
  at: number;
  connectionId: string;
  service: ServiceId;
  account: string;
  apiBaseUrl: string;
  request: RequestDraft;
  outcome: HistoryOutcome;
}

interface HistoryState {
  entries: HistoryEntry[];
  add(entry: Omit<HistoryEntry, 'id'>): void;
  clear(): void;
}

function isEntry(value: unknown): value is HistoryEntry {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<HistoryEntry>;
  return typeof v.id === 'string' && typeof v.at === 'number' && typeof v.connectionId === 'string' && !!v.request && !!v.outcome;
}

function read(): HistoryEntry[] {
  try {
    const raw = globalThis.localStorage?.getItem(HISTORY_KEY);
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isEntry).slice(0, HISTORY_LIMIT) : [];
  } catch {
    return [];
  }
}

function write(entries: HistoryEntry[]): void {
  try {
    globalThis.localStorage?.setItem(HISTORY_KEY, JSON.stringify(entries));
  } catch (error) {
    console.warn('History could not be saved', error);
  }
}

function newId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

export const useHistory = create<HistoryState>((set, get) => ({
  entries: read(),
  add(entry) {
    const request = redactDraft(entry.request);
    const safe: HistoryEntry = {
      ...entry,
      id: newId(),
      request: { ...request, body: request.body.length > MAX_STORED_BODY ? request.body.slice(0, MAX_STORED_BODY) : request.body },
    };
    const entries = [safe, ...get().entries].slice(0, HISTORY_LIMIT);
    set({ entries });
    write(entries);
  },
  clear() {
    set({ entries: [] });
    write([]);
  },
}));
