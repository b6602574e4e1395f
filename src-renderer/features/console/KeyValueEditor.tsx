import { useConsole, type RowKind } from '../../stores/console';

const TITLES: Record<RowKind, { title: string; singular: string }> = {
  query: { title: 'Query parameters', singular: 'parameter' },
  headers: { title: 'Headers', singular: 'header' },
};

/** Editable name/value rows; each row has its own labelled inputs so a screen reader can tell them apart. */
export function KeyValueEditor({ kind }: { kind: RowKind }) {
  const rows = useConsole((s) => s[kind]);
  const { addRow, updateRow, removeRow } = useConsole();
  const { title, singular } = TITLES[kind];
  return (
    <fieldset className="kv">
      <legend>{title}</legend>
      {rows.length === 0 && <p className="muted">None.</p>}
      {rows.map((row, index) => (
        <div className="kv-row" key={row.id}>
          <input
            type="checkbox"
            aria-label={`Send ${singular} ${index + 1}`}
            checked={row.enabled}
            onChange={(e) => updateRow(kind, row.id, { enabled: e.target.checked })}
          />
          <input
            aria-label={`${title} ${index + 1} name`}
            placeholder="name"
            value={row.key}
            spellCheck={false}
            onChange={(e) => updateRow(kind, row.id, { key: e.target.value })}
          />
          <input
            aria-label={`${title} ${index + 1} value`}
            placeholder="value"
            value={row.value}
            spellCheck={false}
            onChange={(e) => updateRow(kind, row.id, { value: e.target.value })}
          />
          <button type="button" className="icon" aria-label={`Remove ${singular} ${index + 1}`} onClick={() => removeRow(kind, row.id)}>
            ×
          </button>
        </div>
      ))}
      <button type="button" className="link" onClick={() => addRow(kind)}>
        Add {singular}
      </button>
    </fieldset>
  );
}
