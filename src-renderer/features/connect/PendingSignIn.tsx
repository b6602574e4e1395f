import { useEffect, useRef, useState } from 'react';
import { CopyButton } from '../../ui/CopyButton';
import { useConnections, type PendingFlow } from '../../stores/connections';
import { useNavigation } from '../../stores/navigation';
import { useServices } from '../../stores/services';

/** How long a sign-in may stay silent before the window says what usually went wrong. */
export const SILENT_SIGN_IN_MS = 20_000;

/** While the system browser has the sign-in: say so, and offer a way out and a way around. */
export function PendingSignIn({ flow }: { flow: PendingFlow }) {
  const cancelFlow = useConnections((s) => s.cancelFlow);
  const provider = useServices((s) => s.services.find((x) => x.id === flow.service)?.provider);
  const go = useNavigation((s) => s.go);
  const cancelRef = useRef<HTMLButtonElement>(null);
  // The flow that has been silent too long; a new flow is not, until its own time is up.
  const [silentFlow, setSilentFlow] = useState<string | null>(null);
  const silent = silentFlow === flow.state;
  useEffect(() => cancelRef.current?.focus(), []);
  useEffect(() => {
    // A wrong client ID or redirect URI stops the sign-in on the provider's page: nothing ever comes back.
    const timer = setTimeout(() => setSilentFlow(flow.state), SILENT_SIGN_IN_MS);
    return () => clearTimeout(timer);
  }, [flow.state]);
  return (
    <div className="pending" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <div>
        <p className="pending-title">Continue in your browser</p>
        <p className="muted">
          Sign in and allow access in the browser window that just opened. If no browser opened, copy the sign-in link and open it yourself.
        </p>
        {silent && (
          <div className="pending-help">
            <p>
              <strong>Nothing has come back from the browser yet.</strong> If the browser shows <code>invalid_client</code> or{' '}
              <code>redirect_uri_mismatch</code>, the client ID or the redirect URI registered for it is wrong: check both in Settings, then
              connect again.
            </p>
            <button
              type="button"
              className="secondary"
              onClick={() => go(provider ? { kind: 'settings', provider } : { kind: 'settings' })}
            >
              Check Settings
            </button>
          </div>
        )}
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
