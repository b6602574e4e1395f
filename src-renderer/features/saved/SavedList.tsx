// The saved requests of the console's service: load one into the form, rename, delete, and export
// or import them as a JSON file. Beside the presets, in the same form.
import { useId, useRef, useState } from 'react';
import type { SavedRequest } from '../../../src-shared/saved';
import { SAVED_NAME_CHARS } from '../../../src-shared/saved';
import type { ServiceId } from '../../../src-shared/types';
import { useConsole } from '../../stores/console';
import { useSaved } from '../../stores/saved';

function Row({ item }: { item: SavedRequest }) {
  const { rename, remove } = useSaved();
  const load = useConsole((s) => s.load);
  const [editing, setEditing] = useState<string | null>(null);
  const id = useId();
  const submit = async () => {
    if (editing !== null && editing.trim() !== '' && (await rename(item.id, editing))) setEditing(null);
  };
  return (
    <li className="saved-row">
      {editing === null ? (
        <span className="saved-name">
          <span className="method">{item.request.method}</span> {item.name}
        </span>
      ) : (
        <span className="save-request">
          <label htmlFor={id}>New name for {item.name}</label>
          <input
            id={id}
            value={editing}
            maxLength={SAVED_NAME_CHARS}
            autoFocus
            onChange={(e) => setEditing(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                e.stopPropagation();
                void submit();
              }
              if (e.key === 'Escape') setEditing(null);
            }}
          />
        </span>
      )}
      <span className="row">
        {editing === null ? (
          <>
            <button type="button" className="secondary" onClick={() => load(item.request)} aria-label={`Load ${item.name}`}>
              Load
            </button>
            <button type="button" className="secondary" onClick={() => setEditing(item.name)} aria-label={`Rename ${item.name}`}>
              Rename
            </button>
            <button type="button" className="danger" onClick={() => void remove(item.id)} aria-label={`Delete ${item.name}`}>
              Delete
            </button>
          </>
        ) : (
          <>
            <button type="button" className="primary" disabled={editing.trim() === ''} onClick={() => void submit()}>
              Save name
            </button>
            <button type="button" className="secondary" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </>
        )}
      </span>
    </li>
  );
}

export function SavedList({ service }: { service: ServiceId }) {
  const items = useSaved((s) => s.items).filter((r) => r.service === service);
  const { exportFile, importFile } = useSaved();
  const file = useRef<HTMLInputElement>(null);
  return (
    <details className="saved-list">
      <summary>Saved requests ({items.length})</summary>
      {items.length === 0 ? (
        <p className="muted">None yet: fill the form and press ☆ Save….</p>
      ) : (
        <ul aria-label="Saved requests">
          {items.map((item) => (
            <Row key={item.id} item={item} />
          ))}
        </ul>
      )}
      <div className="row">
        <button type="button" className="secondary" disabled={items.length === 0} onClick={() => void exportFile(service)}>
          Export…
        </button>
        <button type="button" className="secondary" onClick={() => file.current?.click()}>
          Import…
        </button>
        <input
          ref={file}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label="Import saved requests from a file"
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            e.target.value = '';
            if (chosen) void importFile(chosen);
          }}
        />
      </div>
    </details>
  );
}

/** Beside the presets: a saved request of the service into the form. */
export function SavedPicker({ service, disabled }: { service: ServiceId | undefined; disabled: boolean }) {
  const items = useSaved((s) => s.items).filter((r) => r.service === service);
  const load = useConsole((s) => s.load);
  const id = useId();
  return (
    <div className="field grow">
      <label htmlFor={id}>Saved</label>
      <select
        id={id}
        value=""
        disabled={disabled || items.length === 0}
        onChange={(e) => {
          const item = items.find((r) => r.id === e.target.value);
          if (item) load(item.request);
        }}
      >
        <option value="">{disabled ? 'Choose a connection first' : items.length ? 'Load a saved request…' : 'None saved yet'}</option>
        {items.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </select>
    </div>
  );
}
