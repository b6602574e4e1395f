import { useId, useMemo } from 'react';
import { useConsole } from '../../stores/console';
import { checkBody } from '../../lib/request';

/** The request body as JSON text, flagged while it does not parse. */
export function BodyEditor() {
  const body = useConsole((s) => s.body);
  const setBody = useConsole((s) => s.setBody);
  const check = useMemo(() => checkBody(body), [body]);
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>Body (JSON)</label>
      <textarea
        id={id}
        className="code"
        rows={8}
        spellCheck={false}
        value={body}
        placeholder="{ }"
        aria-invalid={!check.ok}
        aria-describedby={check.ok ? undefined : errorId}
        onChange={(e) => setBody(e.target.value)}
      />
      {!check.ok && (
        <p id={errorId} className="field-error" role="alert">
          {check.error}
        </p>
      )}
    </div>
  );
}
