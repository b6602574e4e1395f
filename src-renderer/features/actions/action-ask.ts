// A quick action that writes asks through the window's one write confirmation
// (stores/write-guard.ts): what will happen, as whom, the requests it sends, with what.
import type { ActionDescriptor } from '../../../src-shared/actions';
import type { Connection } from '../../../src-shared/types';
import type { SummaryRow } from '../../lib/body-summary';
import { resolveTarget } from '../../lib/target';
import type { ParamValue } from '../../stores/actions';
import type { WriteAsk } from '../../stores/write-guard';
import type { Field } from './params-schema';

function shown(value: ParamValue): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** The action's declared requests on this connection, `{param}` filled in; a value learnt on the way stays `{name}`. */
function targets(action: ActionDescriptor, connection: Connection, params: Record<string, ParamValue>): WriteAsk['targets'] {
  return (action.sends ?? []).map(({ method, url }) => {
    const filled = url.replace(/\{(\w+)\}/g, (whole, key: string) =>
      params[key] === undefined ? whole : encodeURIComponent(String(params[key])),
    );
    const resolved = resolveTarget({ apiBaseUrl: connection.apiBaseUrl }, filled).url;
    return { method, url: resolved.replace(/%7B(\w+)%7D/g, '{$1}') };
  });
}

export function actionAsk(
  action: ActionDescriptor,
  connection: Connection,
  account: string,
  serviceName: string,
  fields: Field[],
  params: Record<string, ParamValue>,
): WriteAsk {
  const rows: SummaryRow[] = fields.flatMap((f) => {
    const value = params[f.key];
    return value === undefined ? [] : [{ label: f.label, value: shown(value) }];
  });
  return {
    title: `Run “${action.title}” as ${account}?`,
    description: `This changes your ${serviceName} account; Junction cannot undo it for you.`,
    targets: targets(action, connection, params),
    rows,
    confirmLabel: 'Yes, run it',
  };
}
