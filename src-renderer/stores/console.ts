// The API console: the form being edited, the request in flight and the last response.
import { create } from 'zustand';
import type { ApiResponse, Connection } from '../../src-shared/types';
import type { HttpMethod } from '../../src-shared/channels';
import { api } from '../api/client';
import { errorCode, errorMessage } from '../api/errors';
import { buildPayload, emptyDraft, type KeyValue, type RequestDraft } from '../lib/request';
import { inUrl, rowsFromUrl, urlPath, urlWithRows } from '../lib/url-query';
import { defaultDraft } from '../features/console/presets';
import { requestAsk } from '../lib/write-ask';
import { accountLabel, useConnections } from './connections';
import { useHistory } from './history';
import { useServices } from './services';
import { isWrite, useWriteGuard } from './write-guard';

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
  /** What the form lacks, said after a Send it stopped and kept in step with every edit (cleared once fixed). */
  formError: string | null;
  /** The request in flight, for "Waiting for Gmail to answer GET …". */
  inFlight: { connectionId: string; method: HttpMethod; draft: RequestDraft; startedAt: number } | null;
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

/**
 * The URL's own rows swapped for the ones its query string now holds, in place, so row ids (and
 * focus) survive typing; rows the URL does not show (unticked, unnamed) stay where they were.
 */
function mergeUrlRows(rows: Row[], url: string): Row[] {
  const parsed = rowsFromUrl(url);
  const out: Row[] = [];
  for (const row of rows) {
    if (!inUrl(row)) out.push(row);
    else {
      const next = parsed.shift();
      if (next) out.push({ ...next, id: row.id });
    }
  }
  return [...out, ...withIds(parsed)];
}

/** Why Send would stop now, or null. */
function formProblem(s: Pick<ConsoleState, 'connectionId' | 'draft'>): string | null {
  if (!s.connectionId || !findConnection(s.connectionId)) return 'Pick a connection to send the request with.';
  const built = buildPayload(s.draft(), s.connectionId, 'check');
  return built.ok ? null : built.error;
}

/** The main process keeps each answer's body until released: the console shows one answer at a time. */
function releaseBody(response: ApiResponse | null): void {
  const handle = response?.bodyHandle?.id;
  // Nothing to tell the person if this fails: the core releases the oldest bodies on its own.
  if (!handle) return;
  const release = api()['api.body'];
  release({ handle, op: 'release' }).catch(() => undefined);
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
  formError: null,
  inFlight: null,
  setConnection(connectionId) {
    const before = findConnection(get().connectionId);
    const after = findConnection(connectionId);
    // Another service's connection: the old path means nothing there, so offer the new service's own.
    const otherService = after && (before ? before.service !== after.service : get().url.trim() === '');
    if (after && otherService) {
      get().load(defaultDraft(after.service, { account: after.account, now: new Date() }), after.id);
      return;
    }
    set({ connectionId });
    recheck();
  },
  setMethod: (method) => edit({ method }),
  setUrl: (url) => edit({ url, query: mergeUrlRows(get().query, url) }),
  setBody: (body) => edit({ body }),
  addRow: (kind) => editRows(kind, [...get()[kind], ...withIds([{ key: '', value: '', enabled: true }])]),
  updateRow: (kind, id, patch) =>
    editRows(
      kind,
      get()[kind].map((r) => (r.id === id ? { ...r, ...patch } : r)),
    ),
  removeRow: (kind, id) =>
    editRows(
      kind,
      get()[kind].filter((r) => r.id !== id),
    ),
  load(draft, connectionId) {
    // A query string in the loaded URL (an older entry, a pasted link) joins the rows, once.
    const query = [...rowsFromUrl(draft.url), ...draft.query];
    set({
      method: draft.method,
      url: urlWithRows(draft.url, query),
      query: withIds(query),
      headers: withIds(draft.headers),
      body: draft.body,
      // The old answer belonged to another request.
      response: null,
      error: null,
      formError: null,
      ...(connectionId && findConnection(connectionId) ? { connectionId } : {}),
    });
  },
  draft() {
    const s = get();
    // The rows are the query: the URL shows them, so its own query string is not sent again.
    return { method: s.method, url: urlPath(s.url), query: stripIds(s.query), headers: stripIds(s.headers), body: s.body };
  },
  async send() {
    const { connectionId, sending } = get();
    if (sending) return;
    const connection = findConnection(connectionId);
    const problem = formProblem(get());
    if (problem || !connectionId || !connection) {
      set({ formError: problem ?? 'Pick a connection to send the request with.' });
      return;
    }
    const draft = get().draft();
    const requestId = newRequestId();
    const built = buildPayload(draft, connectionId, requestId);
    if (!built.ok) return;
    if (isWrite(draft.method)) {
      const service = useServices.getState().services.find((x) => x.id === connection.service);
      if (!(await useWriteGuard.getState().confirm(requestAsk(draft, connection, accountLabel(connection), service)))) return;
      if (get().sending) return;
    }
    releaseBody(get().response);
    const inFlight = { connectionId, method: draft.method, draft, startedAt: Date.now() };
    set({ sending: true, requestId, error: null, formError: null, response: null, sentWith: connectionId, inFlight });
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
      set({ response, responseKey: get().responseKey + 1, sending: false, requestId: null, inFlight: null });
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
      set({ error: message, sending: false, requestId: null, inFlight: null });
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

/** A form error said after Send follows the form: it changes or goes as the person fixes it. */
function recheck(): void {
  const s = useConsole.getState();
  if (s.formError !== null) useConsole.setState({ formError: formProblem(s) });
}

function edit(patch: Partial<ConsoleState>): void {
  useConsole.setState(patch);
  recheck();
}

function editRows(kind: RowKind, rows: Row[]): void {
  // The table writes the URL's query string: the two never disagree.
  edit(kind === 'query' ? { query: rows, url: urlWithRows(useConsole.getState().url, rows) } : { [kind]: rows });
}
