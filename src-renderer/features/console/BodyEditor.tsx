import { useId, useMemo, useState } from 'react';
import { useConsole } from '../../stores/console';
import { checkBody } from '../../lib/request';
import { readMailBody } from '../../lib/mail';
import { MailFields } from './MailFields';

/** The request body as JSON text, flagged while it does not parse; a mail reads as its fields. */
export function BodyEditor() {
  const body = useConsole((s) => s.body);
  const setBody = useConsole((s) => s.setBody);
  const check = useMemo(() => checkBody(body), [body]);
  const mail = useMemo(() => readMailBody(body), [body]);
  const [asJson, setAsJson] = useState(false);
  const id = useId();
  const errorId = `${id}-error`;
  if (mail && !asJson) {
    return (
      <div className="field">
        <MailFields mail={mail} onChange={setBody} />
        <button type="button" className="link body-switch" onClick={() => setAsJson(true)}>
          Edit as JSON (base64 raw)
        </button>
      </div>
    );
  }
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
      {mail && (
        <button type="button" className="link body-switch" onClick={() => setAsJson(false)}>
          Edit as To/Subject/Text
        </button>
      )}
    </div>
  );
}
