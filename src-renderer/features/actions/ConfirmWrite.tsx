import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import type { ParamValue } from '../../stores/actions';
import type { Field } from './params-schema';

interface Props {
  title: string;
  account: string;
  serviceName: string;
  fields: Field[];
  params: Record<string, ParamValue>;
  onConfirm(): void;
  onCancel(): void;
}

function shown(value: ParamValue): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** The step between the form and a change to the person's account: what will happen, as whom, with what. */
export function ConfirmWrite({ title, account, serviceName, fields, params, onConfirm, onCancel }: Props) {
  const ids = { title: useId(), text: useId() };
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  const entries = fields.filter((f) => params[f.key] !== undefined);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  };
  return (
    <div className="confirm" role="alertdialog" aria-labelledby={ids.title} aria-describedby={ids.text} onKeyDown={onKeyDown}>
      <p id={ids.title} className="pending-title">
        Run “{title}” as {account}?
      </p>
      <p id={ids.text} className="muted">
        This changes your {serviceName} account; Junction cannot undo it for you.
      </p>
      {entries.length > 0 && (
        <dl className="facts confirm-params">
          {entries.map((f) => (
            <div key={f.key} className="contents">
              <dt>{f.label}</dt>
              <dd>{shown(params[f.key] as ParamValue)}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="row">
        <button ref={confirmRef} type="button" className="danger" onClick={onConfirm}>
          Yes, run it
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
