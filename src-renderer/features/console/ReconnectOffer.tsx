// The console's answer to a request refused because the connection must sign in again: Reconnect
// right here (the same connection, repaired in place, as on its detail page), then Send again,
// instead of a dead end that sends the person looking for the connection's page.
import { useState } from 'react';
import { accountLabel, useConnections } from '../../stores/connections';
import { useConsole } from '../../stores/console';
import { findService, useServices } from '../../stores/services';
import { Notice } from '../../ui/Notice';
import { PendingSignIn } from '../connect/PendingSignIn';
import { needsReauth } from '../services/status';

export function ReconnectOffer() {
  const sentWith = useConsole((s) => s.sentWith);
  const error = useConsole((s) => s.error);
  const connection = useConnections((s) => s.connections.find((c) => c.id === sentWith));
  const service = useServices((s) => (connection ? findService(s.services, connection.service) : undefined));
  const { flow, starting, outcome, connect } = useConnections();
  const [asked, setAsked] = useState(false);
  if (!connection) return null;
  const mine = flow?.reconnecting === connection.id ? flow : null;
  const result = asked && outcome?.reconnecting === connection.id ? outcome : null;
  if (!asked && !(error && needsReauth(connection))) return null;

  const label = accountLabel(connection);
  const reconnect = () => {
    setAsked(true);
    // As the detail page's Reconnect: the service's scopes plus any granted on top of them.
    const extra = connection.scopes.filter((s) => !service?.scopes.includes(s));
    void connect(connection.service, extra, connection.id);
  };
  const again = () => {
    useConsole.getState().setConnection(connection.id);
    void useConsole.getState().send();
  };
  if (result?.kind === 'success') {
    return (
      <Notice tone="success">
        <p className="health-line">{result.message}</p>
        <button type="button" className="primary" onClick={again}>
          Send again
        </button>
      </Notice>
    );
  }
  return (
    <div className="grant-access">
      <Notice tone="warning">
        <p className="health-line">{label} must sign in again before its requests can go out; the same connection is repaired in place.</p>
        {!mine && (
          <button type="button" className="primary" disabled={flow !== null || starting !== null} onClick={reconnect}>
            Reconnect {label}
          </button>
        )}
      </Notice>
      {mine && <PendingSignIn flow={mine} />}
      {result && <Notice tone={result.kind === 'error' ? 'error' : 'info'}>{result.message}</Notice>}
    </div>
  );
}
