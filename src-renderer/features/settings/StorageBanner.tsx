import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { storageBlocksSignIn, useSettings } from '../../stores/settings';
import { Notice } from '../../ui/Notice';

const NO_NOTICES: string[] = [];

/** One-time notices from the core, e.g. a damaged settings file set aside. */
function CoreNotices() {
  const notices = useSettings((s) => s.app?.notices ?? NO_NOTICES);
  const dismiss = useSettings((s) => s.dismissNotice);
  return (
    <>
      {notices.map((text, i) => (
        <Notice key={text} tone="warning" onDismiss={() => dismiss(i)}>
          {text}
        </Notice>
      ))}
    </>
  );
}

/** Shown while the OS offers no real secret store and the person has not accepted that. */
export function StorageBanner() {
  const app = useSettings((s) => s.app);
  const accept = useSettings((s) => s.acceptInsecureStorage);
  const [error, setError] = useState<string | null>(null);
  const onAccept = async () => {
    try {
      await accept(true);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <>
      <CoreNotices />
      {app && storageBlocksSignIn(app) && (
        <div className="banner" role="alert">
          <p>
            <strong>Your system has no secure secret store</strong> (backend: <code>{app.storage.backend}</code>). Tokens would be saved
            with weaker protection that other programs running as you could read. Install or unlock a keyring for full protection, or accept
            weaker storage to sign in anyway. You can change this in Settings.
          </p>
          <button type="button" className="primary" onClick={() => void onAccept()}>
            Accept weaker storage
          </button>
          {error && <p className="field-error">{error}</p>}
        </div>
      )}
    </>
  );
}
