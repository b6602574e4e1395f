import type { Connection } from '../../../src-shared/types';
import { formatDay } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { isExpiring, needsReauth } from '../services/status';

/** When the refresh token stops working, in the person's locale; null when the provider sets no end. */
export function signInEnd(connection: Connection): number | null {
  return connection.health.actBy ?? connection.refreshTokenExpiresAt ?? null;
}

export function SignInEnd({ connection }: { connection: Connection }) {
  const end = signInEnd(connection);
  if (end === null) return <span>no known end</span>;
  return <time dateTime={new Date(end).toISOString()}>{formatDay(end)}</time>;
}

interface Props {
  connection: Connection;
  reconnectDisabled: boolean;
  onReconnect: () => void;
}

/** What the connection's health asks of the person: reconnect now, or before its sign-in ends. */
export function HealthNotice({ connection, reconnectDisabled, onReconnect }: Props) {
  if (connection.status === 'needs_reauth') {
    return (
      <Notice tone="warning">
        {connection.reauthReason ?? 'Access to this account was lost. Reconnect the same account to repair it.'}
      </Notice>
    );
  }
  if (needsReauth(connection)) return <Notice tone="warning">{connection.health.message}</Notice>;
  if (!isExpiring(connection)) return null;
  return (
    <Notice tone="warning">
      <p className="health-line">
        Sign-in ends on <SignInEnd connection={connection} />. Reconnect before then to keep access; the same connection is renewed in
        place.
      </p>
      <button type="button" className="secondary" disabled={reconnectDisabled} onClick={onReconnect}>
        Reconnect now
      </button>
    </Notice>
  );
}
