import { useEffect, useId, useState, type FormEvent } from 'react';
import { useLocalApi } from '../../stores/local-api';
import { Notice } from '../../ui/Notice';
import { LocalApiKeys } from './LocalApiKeys';

/** Settings → Local API: on/off, the port, where it listens and whether it runs; then the keys. */
export function LocalApiSettings() {
  const { status, error, busy, load, configure } = useLocalApi();
  const ids = { port: useId(), portHelp: useId() };
  // What the person is typing; null shows the saved port.
  const [draft, setDraft] = useState<string | null>(null);
  // The box as clicked, while the core turns the server on or off; then the core's answer again.
  const [wanted, setWanted] = useState<boolean | null>(null);
  useEffect(() => void load(), [load]);
  if (!status) return error ? <Notice tone="error">{error}</Notice> : null;
  const port = draft ?? String(status.port);
  const savePort = async (e: FormEvent) => {
    e.preventDefault();
    await configure({ port: Number(port) });
    if (!useLocalApi.getState().error) setDraft(null);
  };
  const state = status.running
    ? { tone: 'ok', text: `Running at ${status.address}` }
    : status.enabled
      ? { tone: 'warn', text: 'Not running' }
      : { tone: 'muted', text: 'Off' };
  return (
    <section className="card" aria-labelledby="local-api-title" data-section="local-api">
      <h2 id="local-api-title">
        Local API <span className={`badge tone-${state.tone}`}>{state.text}</span>
      </h2>
      <p className="muted">
        Lets your own scripts on this computer call the APIs of your connected accounts through Junction, with a key you create below. They
        never see a token. Only programs on this computer can reach it, and web pages cannot.
      </p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={wanted ?? status.enabled}
          disabled={busy}
          onChange={(e) => {
            setWanted(e.target.checked);
            void configure({ enabled: e.target.checked }).finally(() => setWanted(null));
          }}
        />
        <span>Turn on the local API</span>
      </label>
      <form className="field" onSubmit={(e) => void savePort(e)}>
        <label htmlFor={ids.port}>Port</label>
        <div className="row">
          <input
            id={ids.port}
            inputMode="numeric"
            className="code"
            value={port}
            aria-describedby={ids.portHelp}
            onChange={(e) => setDraft(e.target.value.replace(/\D/g, '').slice(0, 5))}
          />
          <button type="submit" className="secondary" disabled={busy || port === String(status.port)}>
            Save port
          </button>
        </div>
        <p id={ids.portHelp} className="muted">
          Address: <code>{status.address}</code> (127.0.0.1 only). Ports 1024–65535.
        </p>
      </form>
      {status.error && <Notice tone="error">{status.error}</Notice>}
      {error && <Notice tone="error">{error}</Notice>}
      <LocalApiKeys />
    </section>
  );
}
