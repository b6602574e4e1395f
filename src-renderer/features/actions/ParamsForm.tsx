import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ParamValue } from '../../stores/actions';
import { initialValues, toParams, type Field, type FormValues } from './params-schema';

interface Props {
  fields: Field[];
  /** The submit button's words. */
  submitLabel: string;
  busy: boolean;
  onSubmit(params: Record<string, ParamValue>): void;
  /** Beside the submit button: a Cancel while running. */
  extra?: ReactNode;
}

interface InputProps {
  field: Field;
  id: string;
  value: string | boolean;
  error: string | undefined;
  describedBy: string | undefined;
  onChange(value: string | boolean): void;
}

function FieldInput({ field, id, value, error, describedBy, onChange }: InputProps) {
  const common = {
    id,
    name: field.key,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': field.required || undefined,
  } as const;
  const text = typeof value === 'string' ? value : '';
  switch (field.kind) {
    case 'boolean':
      return <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
    case 'enum':
      return (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          {!field.required && <option value="">(none)</option>}
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'number':
      return (
        <input
          {...common}
          type="number"
          inputMode="numeric"
          step={field.integer ? 1 : 'any'}
          min={field.min}
          max={field.max}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'datetime':
      return <input {...common} type="datetime-local" value={text} onChange={(e) => onChange(e.target.value)} />;
    case 'textarea':
      return <textarea {...common} rows={5} maxLength={field.maxLength} value={text} onChange={(e) => onChange(e.target.value)} />;
    case 'text':
      return (
        <input
          {...common}
          type="text"
          spellCheck={false}
          maxLength={field.maxLength}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    default: {
      const missing: never = field.kind;
      return <span>Unknown field {String(missing)}</span>;
    }
  }
}

/** A labelled form drawn from an action's params; problems are named under their field and the first one gets focus. */
export function ParamsForm({ fields, submitLabel, busy, onSubmit, extra }: Props) {
  const base = useId();
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<FormValues>(() => initialValues(fields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const idOf = (key: string) => `${base}-${key}`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const checked = toParams(fields, values);
    if (!checked.ok) {
      setErrors(checked.errors);
      const first = fields.find((f) => checked.errors[f.key]);
      if (first) form.current?.querySelector<HTMLElement>(`#${CSS.escape(idOf(first.key))}`)?.focus();
      return;
    }
    setErrors({});
    onSubmit(checked.params);
  };
  const change = (key: string, value: string | boolean) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _fixed, ...rest }) => rest);
  };

  return (
    <form ref={form} className="params-form" onSubmit={submit} noValidate>
      {fields.length === 0 && <p className="muted">No options: it runs as is.</p>}
      {fields.map((field) => {
        const id = idOf(field.key);
        const helpId = field.help ? `${id}-help` : undefined;
        const errorId = errors[field.key] ? `${id}-error` : undefined;
        const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
        const label = (
          <>
            {field.label}
            {field.required && <span className="muted"> (required)</span>}
          </>
        );
        const input = (
          <FieldInput
            field={field}
            id={id}
            value={values[field.key] ?? ''}
            error={errors[field.key]}
            describedBy={describedBy}
            onChange={(v) => change(field.key, v)}
          />
        );
        return (
          <div key={field.key} className={field.kind === 'boolean' ? 'field field-check' : 'field'}>
            {field.kind === 'boolean' ? (
              <label className="checkbox" htmlFor={id}>
                {input}
                <span>{label}</span>
              </label>
            ) : (
              <>
                <label htmlFor={id}>{label}</label>
                {input}
              </>
            )}
            {field.help && (
              <p id={helpId} className="muted field-help">
                {field.help}
              </p>
            )}
            {errors[field.key] && (
              <p id={errorId} className="field-error">
                {errors[field.key]}
              </p>
            )}
          </div>
        );
      })}
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        {extra}
      </div>
    </form>
  );
}
