import { useState } from 'react';
import { useWriteGuard } from '../../stores/write-guard';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

/** The write confirmation the window shows, whichever part of it asked (see stores/write-guard.ts). */
export function WriteConfirmHost() {
  const pending = useWriteGuard((s) => s.pending);
  return pending ? <WriteConfirm key={pending.id} /> : null;
}

function WriteConfirm() {
  const { pending, answer } = useWriteGuard();
  const [trust, setTrust] = useState(false);
  if (!pending) return null;
  return (
    <ConfirmDialog
      title={pending.title}
      description={pending.description}
      confirmLabel={pending.confirmLabel}
      onConfirm={() => answer(true, trust)}
      onCancel={() => answer(false)}
    >
      {pending.targets.map((t, i) => (
        <code key={i} className="write-target">
          {t.method} {t.url}
        </code>
      ))}
      {pending.rows.length > 0 ? (
        <dl className="facts write-body">
          {pending.rows.map((row, i) => (
            <div key={`${row.label}-${i}`} className="contents">
              <dt>{row.label}</dt>
              <dd>{row.value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">No body.</p>
      )}
      <label className="dialog-check">
        <input type="checkbox" checked={trust} onChange={(e) => setTrust(e.target.checked)} />
        Don&apos;t ask again until Junction restarts
      </label>
    </ConfirmDialog>
  );
}
