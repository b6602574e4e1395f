// The last 200 requests, kept in localStorage: the renderer has no file system. Entries hold the
// request as typed (credentials redacted) and the outcome's summary, never a response body or token.
import { create } from 'zustand';
import type { ServiceId } from '../../src-shared/types';
import { redactDraft, redactText } from '../lib/redact';
import type { KeyValue, RequestDraft } from '../lib/request';

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
  /** The quick action that made the request, by its title; absent for the console's own. */
  action?: string;
}

interface HistoryState {
  entries: HistoryEntry[];
  add(entry: Omit<HistoryEntry, 'id'>): void;
  /** Empties the history; answers what it removed, for Undo. */
  clear(): HistoryEntry[];
  /** Puts cleared entries back after any added since, newest first, within the limit. */
  restore(entries: HistoryEntry[]): void;
}

function isRows(value: unknown): value is KeyValue[] {
  return Array.isArray(value) && value.every((r: Partial<KeyValue> | null) => typeof r?.key === 'string' && typeof r.value === 'string');
}

function isEntry(value: unknown): value is HistoryEntry {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<HistoryEntry>;
  const r = v.request;
  return (
    typeof v.id === 'string' &&
    typeof v.at === 'number' &&
    typeof v.connectionId === 'string' &&
    typeof v.apiBaseUrl === 'string' &&
    (v.action === undefined || typeof v.action === 'string') &&
    (v.outcome?.kind === 'response' || (v.outcome?.kind === 'error' && typeof v.outcome.message === 'string')) &&
    typeof r?.url === 'string' &&
    typeof r.body === 'string' &&
    typeof r.method === 'string' &&
    isRows(r.query) &&
    isRows(r.headers)
  );
}

/** What is kept of an entry: the request redacted and its body cut first (so redaction stays cheap), the error too. */
function safeEntry<T extends Omit<HistoryEntry, 'id'>>(entry: T): T {
  const body = entry.request.body.length > MAX_STORED_BODY ? entry.request.body.slice(0, MAX_STORED_BODY) : entry.request.body;
  const outcome: HistoryOutcome =
    entry.outcome.kind === 'error' ? { ...entry.outcome, message: redactText(entry.outcome.message) } : entry.outcome;
  return { ...entry, request: redactDraft({ ...entry.request, body }), outcome };
}

function read(): HistoryEntry[] {
  try {
    const raw = globalThis.localStorage?.getItem(HISTORY_KEY);
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    // Entries written before redaction went by rule may hold credentials: redact them again and
    // write back what changed, so the old plain text does not stay on disk.
    const entries = parsed.filter(isEntry).slice(0, HISTORY_LIMIT).map(safeEntry);
    if (JSON.stringify(entries) !== raw) write(entries);
    return entries;
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
    const safe: HistoryEntry = { ...safeEntry(entry), id: newId() };
    const entries = [safe, ...get().entries].slice(0, HISTORY_LIMIT);
    set({ entries });
    write(entries);
  },
  clear() {
    const removed = get().entries;
    set({ entries: [] });
    write([]);
    return removed;
  },
  restore(removed) {
    const kept = new Set(get().entries.map((e) => e.id));
    const entries = [...get().entries, ...removed.filter((e) => !kept.has(e.id))].slice(0, HISTORY_LIMIT);
    set({ entries });
    write(entries);
  },
}));
