// Quick actions and paging: each service's action list, which account and action the tab shows,
// the last run of every action per account, and "fetch every page" runs with their progress. The
// core does the work; this store asks it, follows its progress events and keeps the outcomes.
import { create } from 'zustand';
import type { ActionDescriptor, ActionResult, PaginateResult } from '../../src-shared/actions';
import type { CoreEvent, ErrorCode, ServiceId } from '../../src-shared/types';
import { getBridge } from '../api/bridge';
import { api } from '../api/client';
import { errorCode, errorMessage, errorMissingScopes } from '../api/errors';
import { addActionCalls } from './action-history';
import { useConnections } from './connections';

export type ServiceTab = 'accounts' | 'actions';
export type ParamValue = string | number | boolean;

export type RunState =
  | {
      status: 'running';
      requestId: string;
      /** While the action waits out the provider's rate limit: "waiting for Google's rate limit (12 s)". */
      waiting?: string;
    }
  | { status: 'done'; result: ActionResult }
  | { status: 'error'; message: string; code?: ErrorCode; missingScopes?: string[]; params: Record<string, ParamValue> };

export interface PagingRequest {
  url: string;
  query: Record<string, string>;
  maxPages: number;
  /** What the list is, for the table's caption. */
  label: string;
}

export type PagingState =
  | {
      status: 'running';
      requestId: string;
      request: PagingRequest;
      pages: number;
      items: number;
      stopping: boolean;
      /** While the next page waits out the provider's rate limit: "waiting for Google's rate limit (12 s)". */
      waiting?: string;
    }
  | { status: 'done'; request: PagingRequest; result: PaginateResult }
  | { status: 'error'; request: PagingRequest; message: string };

interface ActionsState {
  descriptors: Partial<Record<ServiceId, ActionDescriptor[]>>;
  listErrors: Partial<Record<ServiceId, string>>;
  tabs: Partial<Record<ServiceId, ServiceTab>>;
  /** The account each service's tab works with, when the person picked one. */
  chosenConnection: Partial<Record<ServiceId, string>>;
  selectedAction: Partial<Record<ServiceId, string>>;
  /** Keyed by `runKey(connectionId, actionId)`. */
  runs: Record<string, RunState>;
  /** Keyed by connection id. */
  paging: Record<string, PagingState>;
  setTab(service: ServiceId, tab: ServiceTab): void;
  chooseConnection(service: ServiceId, connectionId: string): void;
  selectAction(service: ServiceId, actionId: string): void;
  loadActions(service: ServiceId): Promise<void>;
  run(connectionId: string, actionId: string, params: Record<string, ParamValue>): Promise<void>;
  cancelRun(connectionId: string, actionId: string): Promise<void>;
  fetchAllPages(connectionId: string, request: PagingRequest): Promise<void>;
  cancelPaging(connectionId: string): Promise<void>;
}

export function runKey(connectionId: string, actionId: string): string {
  return `${connectionId}/${actionId}`;
}

function newRequestId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `req-${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

/** Follows the core's events while a paging run is under way; a window without a bridge gets no progress. */
function onCoreEvent(listener: (event: CoreEvent) => void): () => void {
  try {
    return getBridge().onEvent(listener);
  } catch {
    return () => {};
  }
}

export const useActions = create<ActionsState>((set, get) => {
  const setRun = (key: string, state: RunState) => set({ runs: { ...get().runs, [key]: state } });
  const setPaging = (connectionId: string, state: PagingState) => set({ paging: { ...get().paging, [connectionId]: state } });

  return {
    descriptors: {},
    listErrors: {},
    tabs: {},
    chosenConnection: {},
    selectedAction: {},
    runs: {},
    paging: {},
    setTab: (service, tab) => set({ tabs: { ...get().tabs, [service]: tab } }),
    chooseConnection: (service, connectionId) => set({ chosenConnection: { ...get().chosenConnection, [service]: connectionId } }),
    selectAction: (service, actionId) => set({ selectedAction: { ...get().selectedAction, [service]: actionId } }),

    async loadActions(service) {
      try {
        const list = await api()['actions.list']({ service });
        const { [service]: _gone, ...listErrors } = get().listErrors;
        set({ descriptors: { ...get().descriptors, [service]: list }, listErrors });
      } catch (error) {
        set({ listErrors: { ...get().listErrors, [service]: errorMessage(error) } });
      }
    },

    async run(connectionId, actionId, params) {
      const key = runKey(connectionId, actionId);
      if (get().runs[key]?.status === 'running') return;
      const requestId = newRequestId();
      setRun(key, { status: 'running', requestId });
      const stop = onCoreEvent((event) => {
        if (event.type !== 'api.progress' || event.requestId !== requestId) return;
        const current = get().runs[key];
        if (current?.status === 'running' && current.requestId === requestId) setRun(key, { ...current, waiting: event.reason });
      });
      try {
        const result = await api()['actions.run']({ connectionId, actionId, params, requestId });
        setRun(key, { status: 'done', result });
        const connection = useConnections.getState().connections.find((c) => c.id === connectionId);
        const title = Object.values(get().descriptors)
          .flat()
          .find((d) => d?.id === actionId)?.title;
        if (connection) addActionCalls(title ?? actionId, connection, result.calls);
      } catch (error) {
        const code = errorCode(error);
        const missingScopes = code === 'access_denied' ? errorMissingScopes(error) : [];
        setRun(key, {
          status: 'error',
          message: code === 'cancelled' ? 'Stopped before it finished.' : errorMessage(error),
          ...(code ? { code } : {}),
          // Kept so Grant access can offer the same run again with one click.
          ...(missingScopes.length ? { missingScopes } : {}),
          params,
        });
      } finally {
        stop();
      }
      // A refresh on the way, or a grant found gone, changes what the sidebar shows.
      void useConnections.getState().load();
    },

    async cancelRun(connectionId, actionId) {
      const state = get().runs[runKey(connectionId, actionId)];
      if (state?.status !== 'running') return;
      try {
        await api()['api.cancel']({ requestId: state.requestId });
      } catch (error) {
        console.warn('Cancel failed', errorMessage(error));
      }
    },

    async fetchAllPages(connectionId, request) {
      if (get().paging[connectionId]?.status === 'running') return;
      const requestId = newRequestId();
      setPaging(connectionId, { status: 'running', requestId, request, pages: 0, items: 0, stopping: false });
      const stop = onCoreEvent((event) => {
        if (event.type !== 'api.progress' || event.requestId !== requestId) return;
        const current = get().paging[connectionId];
        if (current?.status === 'running' && current.requestId === requestId)
          setPaging(connectionId, { ...current, pages: event.pages, items: event.items, waiting: event.reason });
      });
      try {
        const result = await api()['api.paginate']({
          connectionId,
          url: request.url,
          ...(Object.keys(request.query).length ? { query: request.query } : {}),
          requestId,
          maxPages: request.maxPages,
        });
        setPaging(connectionId, { status: 'done', request, result });
      } catch (error) {
        setPaging(connectionId, { status: 'error', request, message: errorMessage(error) });
      } finally {
        stop();
      }
      void useConnections.getState().load();
    },

    async cancelPaging(connectionId) {
      const state = get().paging[connectionId];
      if (state?.status !== 'running') return;
      setPaging(connectionId, { ...state, stopping: true });
      try {
        await api()['api.cancel']({ requestId: state.requestId });
      } catch (error) {
        console.warn('Cancel failed', errorMessage(error));
      }
    },
  };
});
