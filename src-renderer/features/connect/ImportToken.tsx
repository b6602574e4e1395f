import { useId, useState, type FormEvent } from 'react';
import type { Service } from '../../../src-shared/types';
import { errorMessage } from '../../api/errors';
import { accountLabel, useConnections } from '../../stores/connections';
import { useNavigation } from '../../stores/navigation';
import { Notice } from '../../ui/Notice';

type Outcome = { tone: 'success'; text: string; connectionId: string } | { tone: 'error'; text: string };

/**
 * Connect from a refresh token the person already has (connections.import). The token is write-only:
 * a password field, never persisted, cleared as soon as it is submitted whatever the outcome.
 */
export function ImportToken({ service, disabled }: { service: Service; disabled: boolean }) {
  const importToken = useConnections((s) => s.importToken);
  const go = useNavigation((s) => s.go);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const ids = { field: useId(), help: useId() };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const refreshToken = token.trim();
    setToken('');
    if (!refreshToken) return;
    setBusy(true);
    setOutcome(null);
    try {
      const connection = await importToken(service.id, refreshToken);
      setOutcome({ tone: 'success', text: `Connected as ${accountLabel(connection)}.`, connectionId: connection.id });
    } catch (error) {
      setOutcome({ tone: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="import-token">
      <summary>I already have a refresh token</summary>
      <form onSubmit={(e) => void submit(e)} aria-label={`Connect ${service.name} from a refresh token`}>
        <p id={ids.help} className="muted">
          A refresh token from your own earlier sign-in with this same client ID (a script, another tool). Junction checks it once with the
          provider, stores it encrypted and never shows it again.
        </p>
        <div className="field">
          <label htmlFor={ids.field}>Refresh token</label>
          <input
            id={ids.field}
            type="password"
            value={token}
            autoComplete="off"
            spellCheck={false}
            maxLength={4096}
            aria-describedby={ids.help}
            disabled={busy || disabled}
            onChange={(e) => setToken(e.target.value)}
          />
        </div>
        <button type="submit" className="secondary" disabled={busy || disabled || token.trim() === ''}>
          {busy ? 'Checking the token…' : 'Connect with this token'}
        </button>
      </form>
      {outcome && (
        <Notice tone={outcome.tone} onDismiss={() => setOutcome(null)}>
          {outcome.text}
          {outcome.tone === 'success' && (
            <>
              {' '}
              <button type="button" className="link" onClick={() => go({ kind: 'connection', id: outcome.connectionId })}>
                Open the connection
              </button>
            </>
          )}
        </Notice>
      )}
    </details>
  );
}
