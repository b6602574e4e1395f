// Exports to a file (`api.export`): every page of a list, written by the core as pages arrive,
// with progress and a way to stop, keyed by connection. Tables export from their own component.
import { create } from 'zustand';
import type { ExportFormat, ExportResult } from '../../src-shared/export';
import type { CoreEvent } from '../../src-shared/types';
import { getBridge } from '../api/bridge';
import { api } from '../api/client';
import { errorMessage } from '../api/errors';
import type { PagingRequest } from './actions';

export type ExportState =
  | {
      status: 'running';
      requestId: string;
      format: ExportFormat;
      pages: number;
      items: number;
      stopping: boolean;
      /** While the next page waits out the provider's rate limit: "waiting for Google's rate limit (12 s)". */
      waiting?: string;
    }
  | { status: 'done'; format: ExportFormat; result: ExportResult }
  | { status: 'error'; format: ExportFormat; message: string };

interface ExportsState {
  /** Keyed by connection id. */
  runs: Record<string, ExportState>;
  exportPages(connectionId: string, request: PagingRequest, format: ExportFormat, name: string): Promise<void>;
  cancelExport(connectionId: string): Promise<void>;
}

function newRequestId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `export-${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

function onCoreEvent(listener: (event: CoreEvent) => void): () => void {
  try {
    return getBridge().onEvent(listener);
  } catch {
    return () => {};
  }
}

/** A file name suggestion from a list's label: "Messages (IDs)" → "messages-ids". */
export function fileNameFor(label: string): string {
  const name = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return name === '' ? 'export' : name;
}

export const useExports = create<ExportsState>((set, get) => {
  const setRun = (key: string, state: ExportState) => set({ runs: { ...get().runs, [key]: state } });
  return {
    runs: {},
    async exportPages(connectionId, request, format, name) {
      if (get().runs[connectionId]?.status === 'running') return;
      const requestId = newRequestId();
      setRun(connectionId, { status: 'running', requestId, format, pages: 0, items: 0, stopping: false });
      const stop = onCoreEvent((event) => {
        if (event.type !== 'api.progress' || event.requestId !== requestId) return;
        const current = get().runs[connectionId];
        if (current?.status === 'running' && current.requestId === requestId)
          setRun(connectionId, { ...current, pages: event.pages, items: event.items, waiting: event.reason });
      });
      try {
        const result = await api()['api.export']({
          format,
          requestId,
          name: fileNameFor(name),
          source: {
            kind: 'pages',
            connectionId,
            url: request.url,
            ...(Object.keys(request.query).length ? { query: request.query } : {}),
            maxPages: request.maxPages,
          },
        });
        setRun(connectionId, { status: 'done', format, result });
      } catch (error) {
        setRun(connectionId, { status: 'error', format, message: errorMessage(error) });
      } finally {
        stop();
      }
    },
    async cancelExport(connectionId) {
      const state = get().runs[connectionId];
      if (state?.status !== 'running') return;
      setRun(connectionId, { ...state, stopping: true });
      try {
        await api()['api.cancel']({ requestId: state.requestId });
      } catch (error) {
        console.warn('Cancel failed', errorMessage(error));
      }
    },
  };
});
