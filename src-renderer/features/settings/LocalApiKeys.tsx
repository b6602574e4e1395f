import { useId, useState, type FormEvent } from 'react';
import type { ServiceId } from '../../../src-shared/types';
import { useLocalApi } from '../../stores/local-api';
import { useServices } from '../../stores/services';
import { CopyButton } from '../../ui/CopyButton';
import { formatDate } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import './local-api.css';

/** The key just created: shown once, with a copy button, until the person says they have it. */
function NewKey() {
  const { newKey, dismissNewKey } = useLocalApi();
  if (!newKey) return null;
  return (
    <div className="notice notice-warning new-key" role="region" aria-label="New key">
      <p>
        <strong>Copy the key for “{newKey.name}” now.</strong> Junction keeps only a hash of it and will not show it again. Anyone with it
        can call {newKey.services.join(', ')} as you.
      </p>
      <div className="row">
        <input className="grow code" readOnly value={newKey.key} aria-label="New key" onFocus={(e) => e.target.select()} />
        <CopyButton text={newKey.key} label="Copy key" />
        <button type="button" className="secondary" onClick={dismissNewKey}>
          I have copied it
        </button>
      </div>
    </div>
  );
}

function CreateKey() {
  const services = useServices((s) => s.services);
  const { createKey, busy } = useLocalApi();
  const nameId = useId();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<ServiceId[]>([]);
  const toggle = (id: ServiceId, on: boolean) => setChosen((c) => (on ? [...c, id] : c.filter((s) => s !== id)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await createKey(name, chosen);
    if (!useLocalApi.getState().error) {
      setName('');
      setChosen([]);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Create a key">
      <h3>Create a key</h3>
      <div className="field">
        <label htmlFor={nameId}>Key name</label>
        <input id={nameId} value={name} maxLength={64} placeholder="e.g. receipts cron job" onChange={(e) => setName(e.target.value)} />
      </div>
      <fieldset className="field">
        <legend>Services it may use</legend>
        {services.map((s) => (
          <label key={s.id} className="checkbox">
            <input type="checkbox" checked={chosen.includes(s.id)} onChange={(e) => toggle(s.id, e.target.checked)} />
            <span>{s.name}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary" disabled={busy || name.trim() === '' || chosen.length === 0}>
        Create key
      </button>
    </form>
  );
}

export function LocalApiKeys() {
  const { keys, revokeKey, busy } = useLocalApi();
  const services = useServices((s) => s.services);
  const nameOf = (id: ServiceId) => services.find((s) => s.id === id)?.name ?? id;
  return (
    <>
      <NewKey />
      <h3>Keys</h3>
      {keys.length === 0 ? (
        <p className="muted">No keys yet.</p>
      ) : (
        <table className="headers-table local-api-table" aria-label="Local API keys">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Services</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Revoke</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td>{k.services.map(nameOf).join(', ')}</td>
                <td>{formatDate(k.createdAt)}</td>
                <td>{formatDate(k.lastUsedAt)}</td>
                <td>
                  <button
                    type="button"
                    className="danger"
                    disabled={busy}
                    onClick={() => void revokeKey(k.id)}
                    aria-label={`Revoke ${k.name}`}
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CreateKey />
      {keys.length > 0 && (
        <Notice tone="info">
          Scripts send a key as <code>Authorization: Bearer $JUNCTION_KEY</code>. See docs/local-api.md for examples.
        </Notice>
      )}
    </>
  );
}
