import { useEffect, useRef } from 'react';
import { CopyButton } from '../../ui/CopyButton';
import { useConnections, type PendingFlow } from '../../stores/connections';

/** While the system browser has the sign-in: say so, and offer a way out and a way around. */
export function PendingSignIn({ flow }: { flow: PendingFlow }) {
  const cancelFlow = useConnections((s) => s.cancelFlow);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div className="pending" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <div>
        <p className="pending-title">Continue in your browser</p>
        <p className="muted">
          Sign in and allow access in the browser window that just opened. If no browser opened, copy the sign-in link and open it yourself.
        </p>
        <div className="row">
          <button ref={cancelRef} type="button" className="secondary" onClick={() => void cancelFlow()}>
            Cancel
          </button>
          <CopyButton text={flow.authUrl} label="Copy sign-in link" />
        </div>
      </div>
    </div>
  );
}
