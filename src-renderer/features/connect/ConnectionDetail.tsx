import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { accountLabel, useConnections } from '../../stores/connections';
import { useConsole } from '../../stores/console';
import { useNavigation } from '../../stores/navigation';
import { findService, useServices } from '../../stores/services';
import { formatDate } from '../../ui/format';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Notice } from '../../ui/Notice';
import { connectionStatus } from '../services/status';
import { Countdown } from './Countdown';
import { HealthNotice, SignInEnd } from './HealthNotice';
import { PaceFacts } from './PaceFacts';
import { PendingSignIn } from './PendingSignIn';
import { ScopeTable } from './ScopeTable';

type Message = { tone: 'success' | 'error' | 'info'; text: string };

export function ConnectionDetail({ id }: { id: string }) {
  const { connections, loaded, flow, outcome, connect, disconnect, test } = useConnections();
  const connection = connections.find((c) => c.id === id);
  const service = useServices((s) => (connection ? findService(s.services, connection.service) : undefined));
  const go = useNavigation((s) => s.go);
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState<'test' | 'disconnect' | null>(null);
  const [confirming, setConfirming] = useState(false);

  if (!connection) {
    return (
      <section className="view">
        <p className="muted">{loaded ? 'This connection is gone.' : 'Loading…'}</p>
      </section>
    );
  }
  const label = accountLabel(connection);
  const status = connectionStatus(connection);
  const extraScopes = connection.scopes.filter((s) => !service?.scopes.includes(s));
  const reconnectOutcome = outcome?.reconnecting === connection.id ? outcome : null;

  const onTest = async () => {
    setBusy('test');
    const result = await test(connection);
    setMessage({ tone: result.ok ? 'success' : 'error', text: result.message });
    setBusy(null);
  };
  const onDisconnect = async () => {
    setBusy('disconnect');
    try {
      await disconnect(connection.id);
      go({ kind: 'service', service: connection.service });
    } catch (error) {
      setMessage({ tone: 'error', text: errorMessage(error) });
      setBusy(null);
      setConfirming(false);
    }
  };
  const reconnect = () => void connect(connection.service, extraScopes, connection.id);
  const openConsole = () => {
    useConsole.getState().setConnection(connection.id);
    go({ kind: 'console' });
  };

  return (
    <section className="view" aria-labelledby="view-title">
      <h1 id="view-title">{label}</h1>
      <p>
        {service?.name ?? connection.service} <span className={`badge tone-${status.tone}`}>{status.label}</span>
      </p>
      <HealthNotice connection={connection} reconnectDisabled={flow !== null} onReconnect={reconnect} />
      <dl className="facts">
        <dt>Account</dt>
        <dd>
          {connection.account.displayName && <span>{connection.account.displayName} </span>}
          {connection.account.email && <span>&lt;{connection.account.email}&gt; </span>}
          {connection.account.id && <span className="muted">id {connection.account.id}</span>}
        </dd>
        <dt>Access token</dt>
        <dd>{connection.status === 'needs_reauth' ? 'unusable until you reconnect' : <Countdown at={connection.tokenExpiresAt} />}</dd>
        <dt>Sign-in ends</dt>
        <dd>
          <SignInEnd connection={connection} />
        </dd>
        <dt>Last used</dt>
        <dd>{formatDate(connection.lastUsedAt)}</dd>
        <dt>Last refreshed</dt>
        <dd>{formatDate(connection.lastRefreshedAt)}</dd>
        <dt>Authorized</dt>
        <dd>{formatDate(connection.lastAuthorizedAt)}</dd>
        <dt>Created</dt>
        <dd>{formatDate(connection.createdAt)}</dd>
        <dt>API base</dt>
        <dd>
          <code>{connection.apiBaseUrl}</code>
        </dd>
        <PaceFacts id={connection.id} />
      </dl>
      <h2>Access</h2>
      <ScopeTable connection={connection} service={service} />
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={busy !== null || !service?.testPath}
          title={service?.testPath ? `GET ${service.testPath}` : 'This API has no who-am-I call'}
          onClick={() => void onTest()}
        >
          {busy === 'test' ? 'Testing…' : 'Test'}
        </button>
        <button type="button" className="secondary" onClick={openConsole}>
          Open in console
        </button>
        <button type="button" className={status.tone === 'warn' ? 'primary' : 'secondary'} disabled={flow !== null} onClick={reconnect}>
          Reconnect
        </button>
        <button type="button" className="danger" disabled={busy !== null} onClick={() => setConfirming(true)}>
          Disconnect
        </button>
      </div>
      {flow?.reconnecting === connection.id && <PendingSignIn flow={flow} />}
      {reconnectOutcome && !flow && (
        <Notice tone={reconnectOutcome.kind === 'error' ? 'error' : reconnectOutcome.kind === 'success' ? 'success' : 'info'}>
          {reconnectOutcome.message}
        </Notice>
      )}
      {confirming && (
        <ConfirmDialog
          title={`Disconnect ${label}?`}
          description="Junction revokes the access at the provider where it can and forgets this connection."
          confirmLabel={busy === 'disconnect' ? 'Disconnecting…' : 'Yes, disconnect'}
          cancelLabel="Keep it"
          busy={busy !== null}
          onConfirm={() => void onDisconnect()}
          onCancel={() => setConfirming(false)}
        />
      )}
      {message && (
        <Notice tone={message.tone} onDismiss={() => setMessage(null)}>
          {message.text}
        </Notice>
      )}
    </section>
  );
}
