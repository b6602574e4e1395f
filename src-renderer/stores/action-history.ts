// A quick action's requests into History, under the action's title, so they can be re-run and
// copied like the console's own (the core lists them in ActionResult.calls).
import type { ActionCall } from '../../src-shared/actions';
import type { Connection } from '../../src-shared/types';
import type { KeyValue } from '../lib/request';
import { accountLabel } from './connections';
import { useHistory } from './history';

function rows(record: Record<string, string | string[]> | undefined): KeyValue[] {
  return Object.entries(record ?? {}).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((item) => ({ key, value: item, enabled: true })),
  );
}

/** A JSON body reads better indented, as the console's presets write it; other text stays as sent. */
function readable(body: string | undefined): string {
  if (body === undefined) return '';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export function addActionCalls(title: string, connection: Connection, calls: ActionCall[] | undefined): void {
  const add = useHistory.getState().add;
  for (const call of calls ?? []) {
    add({
      at: Date.now(),
      connectionId: connection.id,
      service: connection.service,
      account: accountLabel(connection),
      apiBaseUrl: connection.apiBaseUrl,
      action: title,
      request: { method: call.method, url: call.url, query: rows(call.query), headers: rows(call.headers), body: readable(call.body) },
      outcome: {
        kind: 'response',
        status: call.status,
        statusText: call.statusText,
        durationMs: call.durationMs,
        sizeBytes: call.sizeBytes,
      },
    });
  }
}
