// A service's "Quick actions" tab: pick the account, pick an action, run it, read the table.
import { useEffect, useId } from 'react';
import type { ServiceId } from '../../../src-shared/types';
import { useActions } from '../../stores/actions';
import { accountLabel, useConnections } from '../../stores/connections';
import { findService, useServices } from '../../stores/services';
import { Notice } from '../../ui/Notice';
import { preloadJsonTree } from '../console/LazyJsonTree';
import { ActionRunner } from './ActionRunner';
import { PagingPanel } from './PagingPanel';
import './actions.css';

const NO_ACTIONS: never[] = [];

export default function QuickActionsView({ service: serviceId }: { service: ServiceId }) {
  const service = useServices((s) => findService(s.services, serviceId));
  const all = useConnections((s) => s.connections);
  const descriptors = useActions((s) => s.descriptors[serviceId] ?? NO_ACTIONS);
  const listError = useActions((s) => s.listErrors[serviceId]);
  const loaded = useActions((s) => s.descriptors[serviceId] !== undefined);
  const chosen = useActions((s) => s.chosenConnection[serviceId]);
  const selected = useActions((s) => s.selectedAction[serviceId]);
  const { loadActions, chooseConnection, selectAction, setTab } = useActions.getState();
  const ids = { account: useId(), list: useId() };

  useEffect(() => {
    void loadActions(serviceId);
    void preloadJsonTree();
  }, [serviceId, loadActions]);

  const mine = all.filter((c) => c.service === serviceId);
  const connection = mine.find((c) => c.id === chosen) ?? mine.find((c) => c.status === 'connected') ?? mine[0];
  const action = descriptors.find((a) => a.id === selected) ?? descriptors[0];
  const name = service?.name ?? serviceId;

  if (!connection) {
    return (
      <Notice tone="info">
        Connect a {name} account first; its quick actions run as that account.{' '}
        <button type="button" className="link" onClick={() => setTab(serviceId, 'accounts')}>
          Go to Accounts
        </button>
      </Notice>
    );
  }

  return (
    <div className="quick-actions">
      {mine.length > 1 ? (
        <div className="field account-picker">
          <label htmlFor={ids.account}>Run as</label>
          <select id={ids.account} value={connection.id} onChange={(e) => chooseConnection(serviceId, e.target.value)}>
            {mine.map((c) => (
              <option key={c.id} value={c.id}>
                {accountLabel(c)}
                {c.status === 'needs_reauth' ? ' (needs re-auth)' : ''}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="muted">
          Runs as <strong>{accountLabel(connection)}</strong>
        </p>
      )}
      {connection.status === 'needs_reauth' && (
        <Notice tone="warning">This account needs to be reconnected before its actions can run.</Notice>
      )}
      {listError && <Notice tone="error">{listError}</Notice>}
      {!loaded && !listError && <p className="muted">Loading the actions…</p>}
      {loaded && descriptors.length === 0 && <p className="muted">{name} has no quick actions yet.</p>}
      {descriptors.length > 0 && (
        <div className="actions-layout">
          <div className="action-list">
            <h2 id={ids.list} className="sidebar-heading">
              Actions
            </h2>
            <ul aria-labelledby={ids.list}>
              {descriptors.map((a) => (
                <li key={a.id}>
                  <button
                    type="button"
                    className="action-item"
                    aria-pressed={a.id === action?.id}
                    onClick={() => selectAction(serviceId, a.id)}
                  >
                    <span>{a.title}</span>
                    {a.writes && <span className="action-writes">changes</span>}
                  </button>
                </li>
              ))}
            </ul>
          </div>
          <div className="action-detail">
            {action && <ActionRunner key={action.id} action={action} connection={connection} serviceName={name} />}
          </div>
        </div>
      )}
      <PagingPanel key={connection.id} connection={connection} />
    </div>
  );
}
