// A quick action that writes asks through the window's one write confirmation
// (stores/write-guard.ts): what will happen, as whom, with what.
import type { SummaryRow } from '../../lib/body-summary';
import type { ParamValue } from '../../stores/actions';
import type { WriteAsk } from '../../stores/write-guard';
import type { Field } from './params-schema';

function shown(value: ParamValue): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export function actionAsk(
  title: string,
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
    title: `Run “${title}” as ${account}?`,
    description: `This changes your ${serviceName} account; Junction cannot undo it for you.`,
    rows,
    confirmLabel: 'Yes, run it',
  };
}
