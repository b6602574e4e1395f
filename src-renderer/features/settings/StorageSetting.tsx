import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useSettings } from '../../stores/settings';
import { Notice } from '../../ui/Notice';

export function StorageSetting() {
  const app = useSettings((s) => s.app);
  const accept = useSettings((s) => s.acceptInsecureStorage);
  const [error, setError] = useState<string | null>(null);
  if (!app) return null;
  const { storage } = app;
  const onChange = async (value: boolean) => {
    setError(null);
    try {
      await accept(value);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <div className="card">
      <h2>Secret storage</h2>
      <p>
        Tokens are encrypted with <code>{storage.backend}</code>:{' '}
        {storage.secure ? 'your system’s secret store protects them.' : 'this is not a secure store on this system.'}
      </p>
      {!storage.secure && (
        <label className="checkbox">
          <input type="checkbox" checked={storage.insecureAccepted} onChange={(e) => void onChange(e.target.checked)} />
          <span>Accept weaker storage (needed to sign in without a keyring)</span>
        </label>
      )}
      {error && <Notice tone="error">{error}</Notice>}
    </div>
  );
}
