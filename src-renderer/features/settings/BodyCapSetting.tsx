// Settings → Largest answer: the body cap (settings.getBodyCap / settings.setBodyCap), in MB.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { BodyCapSettings } from '../../../src-shared/body';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { Notice } from '../../ui/Notice';

const MiB = 1024 * 1024;
const toMb = (bytes: number) => Math.round(bytes / MiB);

export function BodyCapSetting() {
  const [cap, setCap] = useState<BodyCapSettings | null>(null);
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const inputId = useId();
  const helpId = useId();

  useEffect(() => {
    let live = true;
    const read = api()['settings.getBodyCap'];
    read()
      .then((answer) => {
        if (!live) return;
        setCap(answer);
        setValue(String(toMb(answer.maxBodyBytes)));
      })
      .catch((e: unknown) => live && setLoadError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, []);

  if (!cap) return loadError ? <p className="muted">The answer size limit could not be read: {loadError}</p> : null;
  const [min, max] = [toMb(cap.minBytes), toMb(cap.maxBytes)];

  const save = async (maxBodyBytes: number | null) => {
    setMessage(null);
    try {
      const answer = await api()['settings.setBodyCap']({ maxBodyBytes });
      setCap(answer);
      setValue(String(toMb(answer.maxBodyBytes)));
      setMessage({ tone: 'success', text: `Answers up to ${toMb(answer.maxBodyBytes)} MB are kept whole; longer ones are cut there.` });
    } catch (e) {
      setMessage({ tone: 'error', text: errorMessage(e) });
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const mb = Number(value);
    if (!Number.isInteger(mb) || mb < min || mb > max) {
      setMessage({ tone: 'error', text: `Enter a whole number of MB from ${min} to ${max}.` });
      return;
    }
    void save(mb * MiB);
  };

  return (
    <form className="card" noValidate onSubmit={onSubmit} aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>Largest answer</h2>
      <p id={helpId}>
        Junction keeps an answer of up to this size; a longer one is cut there and says so. Big answers stay on this computer, in Junction’s
        own folder, until you send another request or quit. Default {toMb(cap.defaultBytes)} MB.
      </p>
      <div className="row">
        <label htmlFor={inputId}>
          Size in MB ({min}–{max})
        </label>
        <input
          id={inputId}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          value={value}
          aria-describedby={helpId}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit">Save</button>
        {!cap.isDefault && (
          <button type="button" className="secondary" onClick={() => void save(null)}>
            Use the default
          </button>
        )}
      </div>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
    </form>
  );
}
