import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import './dialog.css';
import { useDialogFocus } from './dialog-focus';

interface Props {
  title: ReactNode;
  /** What will happen, read out with the title. */
  description: ReactNode;
  /** Details below the description (the request, the params). */
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** Shown on the confirm button while the change runs. */
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * The one confirmation box of the window: modal, the safe choice (Cancel) focused first, focus
 * kept inside until it closes, Escape or a click beside it cancels.
 */
export function ConfirmDialog({ title, description, children, confirmLabel, cancelLabel = 'Cancel', busy, onConfirm, onCancel }: Props) {
  const ids = { title: useId(), text: useId() };
  const dialogRef = useRef<HTMLDivElement>(null);
  const safeRef = useRef<HTMLButtonElement>(null);
  useDialogFocus(dialogRef, safeRef);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    }
  };
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div
        ref={dialogRef}
        className="confirm dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={ids.title}
        aria-describedby={ids.text}
        onKeyDown={onKeyDown}
      >
        <h2 id={ids.title} className="dialog-title">
          {title}
        </h2>
        <div id={ids.text} className="muted">
          {description}
        </div>
        {children}
        <div className="row">
          <button type="button" className="danger" disabled={busy} onClick={onConfirm}>
            {confirmLabel}
          </button>
          <button ref={safeRef} type="button" className="secondary" onClick={onCancel}>
            {cancelLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
