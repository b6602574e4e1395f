import { useEffect, useRef, useState } from 'react';
import type { Connection } from '../../../src-shared/types';
import { useConnections } from '../../stores/connections';
import { Notice } from '../../ui/Notice';
import { PendingSignIn } from './PendingSignIn';
import { shortScope } from './scope-rows';

interface Props {
  connection: Connection;
  /** The scopes the provider or the core said are missing. */
  missingScopes: string[];
  /** What the retry button says: "Send again", "Run again". */
  retryLabel: string;
  /** The refusal in the core's words, said before the offer; default: which scopes are lacking. */
  reason?: string;
  /** Absent when there is nothing to send again yet (a quick action not run so far). */
  onRetry?: () => void;
}

/**
 * The scope doctor's repair: a sign-in asking for what is granted plus what is missing, which the
 * core applies to the same connection in place; then the same request again with one click.
 */
export function GrantAccess({ connection, missingScopes, reason, retryLabel, onRetry }: Props) {
  const { flow, starting, outcome, connect } = useConnections();
  const [phase, setPhase] = useState<'idle' | 'asking' | 'granted'>('idle');
  const [stillMissing, setStillMissing] = useState<string[]>([]);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const names = missingScopes.map(shortScope).join(', ');

  const grant = async () => {
    setPhase('asking');
    const scopes = [...new Set([...connection.scopes, ...missingScopes])];
    const repaired = await connect(connection.service, scopes, connection.id);
    if (!mounted.current) return;
    if (!repaired) {
      setPhase('idle');
      return;
    }
    const have = new Set(repaired.scopes.map(shortScope));
    setStillMissing(missingScopes.filter((s) => !have.has(shortScope(s))));
    setPhase('granted');
  };

  const mine = flow?.reconnecting === connection.id ? flow : null;
  const failed = phase === 'idle' && outcome?.reconnecting === connection.id && outcome.kind !== 'success' ? outcome : null;
  return (
    <div className="grant-access">
      {phase === 'granted' ? (
        <Notice tone={stillMissing.length ? 'warning' : 'success'}>
          <p className="health-line">
            {stillMissing.length
              ? `Signed in again, but ${stillMissing.map(shortScope).join(', ')} was still not granted: tick its box on the consent screen.`
              : 'Access granted to the same connection.'}
          </p>
          {onRetry && (
            <button type="button" className="primary" onClick={onRetry}>
              {retryLabel}
            </button>
          )}
        </Notice>
      ) : (
        <Notice tone="warning">
          <p className="health-line">
            {reason ?? `This connection lacks ${names}.`} Grant access signs in again asking for{' '}
            {missingScopes.length === 1 ? 'it' : 'them'}; the same connection is repaired in place.
          </p>
          {!mine && (
            <button type="button" className="primary" disabled={flow !== null || starting !== null} onClick={() => void grant()}>
              Grant access
            </button>
          )}
        </Notice>
      )}
      {mine && <PendingSignIn flow={mine} />}
      {failed && <Notice tone={failed.kind === 'error' ? 'error' : 'info'}>{failed.message}</Notice>}
    </div>
  );
}
