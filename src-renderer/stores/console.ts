// The API console: the form being edited, the request in flight and the last response.
import { create } from 'zustand';
import type { ApiResponse, Connection } from '../../src-shared/types';
import type { HttpMethod } from '../../src-shared/channels';
import { api } from '../api/client';
import { errorCode, errorMessage } from '../api/errors';
import { buildPayload, emptyDraft, type KeyValue, type RequestDraft } from '../lib/request';
import { accountLabel, useConnections } from './connections';
import { useHistory } from './history';

export interface Row extends KeyValue {
  id: string;
}
export type RowKind = 'query' | 'headers';

interface ConsoleState {
  connectionId: string | null;
  method: HttpMethod;
  url: string;
  query: Row[];
  headers: Row[];
  body: string;
  sending: boolean;
  requestId: string | null;
  response: ApiResponse | null;
  /** The connection the last request went out with, for Grant access and Send again. */
  sentWith: string | null;
  /** Changes with every response, so views holding per-response state start afresh. */
  responseKey: number;
  error: string | null;
  setConnection(id: string | null): void;
  setMethod(method: HttpMethod): void;
  setUrl(url: string): void;
  setBody(body: string): void;
  addRow(kind: RowKind): void;
  updateRow(kind: RowKind, id: string, patch: Partial<KeyValue>): void;
  removeRow(kind: RowKind, id: string): void;
  load(draft: RequestDraft, connectionId?: string): void;
  draft(): RequestDraft;
  send(): Promise<void>;
  cancel(): Promise<void>;
}

let nextRow = 0;
const withIds = (rows: KeyValue[]): Row[] => rows.map((r) => ({ ...r, id: `row-${++nextRow}` }));
const stripIds = (rows: Row[]): KeyValue[] => rows.map(({ key, value, enabled }) => ({ key, value, enabled }));

function newRequestId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `req-${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

function findConnection(id: string | null): Connection | undefined {
  return useConnections.getState().connections.find((c) => c.id === id);
}

export const useConsole = create<ConsoleState>((set, get) => ({
  connectionId: null,
  ...emptyDraft(),
  query: [],
  headers: [],
  sending: false,
  requestId: null,
  response: null,
  sentWith: null,
  responseKey: 0,
  error: null,
  setConnection: (connectionId) => set({ connectionId }),
  setMethod: (method) => set({ method }),
  setUrl: (url) => set({ url }),
  setBody: (body) => set({ body }),
  addRow: (kind) => set({ [kind]: [...get()[kind], ...withIds([{ key: '', value: '', enabled: true }])] }),
  updateRow: (kind, id, patch) => set({ [kind]: get()[kind].map((r) => (r.id === id ? { ...r, ...patch } : r)) }),
  removeRow: (kind, id) => set({ [kind]: get()[kind].filter((r) => r.id !== id) }),
  load(draft, connectionId) {
    set({
      method: draft.method,
      url: draft.url,
      query: withIds(draft.query),
      headers: withIds(draft.headers),
      body: draft.body,
      error: null,
      ...(connectionId && findConnection(connectionId) ? { connectionId } : {}),
    });
  },
  draft() {
    const s = get();
    return { method: s.method, url: s.url, query: stripIds(s.query), headers: stripIds(s.headers), body: s.body };
  },
  async send() {
    const { connectionId, sending } = get();
    if (sending) return;
    const connection = findConnection(connectionId);
    if (!connectionId || !connection) {
      set({ error: 'Pick a connection to send the request with.' });
      return;
    }
    const draft = get().draft();
    const requestId = newRequestId();
    const built = buildPayload(draft, connectionId, requestId);
    if (!built.ok) {
      set({ error: built.error });
      return;
    }
    set({ sending: true, requestId, error: null, response: null, sentWith: connectionId });
    const base = {
      at: Date.now(),
      connectionId,
      service: connection.service,
      account: accountLabel(connection),
      apiBaseUrl: connection.apiBaseUrl,
      request: draft,
    };
    try {
      const response = await api()['api.request'](built.payload);
      set({ response, responseKey: get().responseKey + 1, sending: false, requestId: null });
      useHistory.getState().add({
        ...base,
        outcome: {
          kind: 'response',
          status: response.status,
          statusText: response.statusText,
          durationMs: response.durationMs,
          sizeBytes: response.sizeBytes,
        },
      });
    } catch (error) {
      const message = errorCode(error) === 'cancelled' ? 'Request cancelled.' : errorMessage(error);
      set({ error: message, sending: false, requestId: null });
      useHistory.getState().add({ ...base, outcome: { kind: 'error', message } });
    }
  },
  async cancel() {
    const requestId = get().requestId;
    if (!requestId) return;
    try {
      await api()['api.cancel']({ requestId });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
}));
