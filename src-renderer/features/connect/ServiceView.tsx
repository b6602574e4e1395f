import type { ServiceId } from '../../../src-shared/types';
import { accountLabel, useConnections } from '../../stores/connections';
import { useNavigation } from '../../stores/navigation';
import { findService, useServices } from '../../stores/services';
import { useSettings } from '../../stores/settings';
import { Notice } from '../../ui/Notice';
import { connectionStatus } from '../services/status';
import { ConnectForm } from './ConnectForm';

export function ServiceView({ id }: { id: ServiceId }) {
  const service = useServices((s) => findService(s.services, id));
  const connections = useConnections((s) => s.connections);
  const providers = useSettings((s) => s.providers);
  const go = useNavigation((s) => s.go);
  if (!service) return <p className="muted">Loading…</p>;
  const mine = connections.filter((c) => c.service === id);
  const providerName = providers.find((p) => p.provider === service.provider)?.name ?? service.provider;

  // The page's title and tabs are ServiceTabs'; this is the Accounts tab's content.
  return (
    <div className="service-accounts">
      <p className="muted">
        API base: <code>{service.apiBaseUrl}</code> ·{' '}
        <a href={service.docsUrl} target="_blank" rel="noreferrer">
          API reference
        </a>
      </p>
      {service.configured ? (
        <ConnectForm service={service} />
      ) : (
        <Notice tone="info">
          {providerName} is not set up yet: add your own client ID first.{' '}
          <button type="button" className="link" onClick={() => go({ kind: 'settings', provider: service.provider })}>
            Set up {providerName}
          </button>
        </Notice>
      )}
      {/* Not "Accounts": that is the tab this sits in. */}
      <h2>Connected accounts</h2>
      {mine.length === 0 ? (
        <p className="muted">No account connected.</p>
      ) : (
        <ul className="plain-list">
          {mine.map((c) => {
            const status = connectionStatus(c);
            return (
              <li key={c.id}>
                <button type="button" className="link" onClick={() => go({ kind: 'connection', id: c.id })}>
                  {accountLabel(c)}
                </button>{' '}
                <span className={`badge tone-${status.tone}`}>{status.label}</span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
