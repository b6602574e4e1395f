import type { Connection, Service } from '../../../src-shared/types';
import { accountLabel, useConnections } from '../../stores/connections';
import { useNavigation, type View } from '../../stores/navigation';
import { useServices } from '../../stores/services';
import { connectionStatus, serviceStatus } from './status';

function isCurrent(view: View, target: View): boolean {
  if (view.kind !== target.kind) return false;
  if (view.kind === 'service' && target.kind === 'service') return view.service === target.service;
  if (view.kind === 'connection' && target.kind === 'connection') return view.id === target.id;
  return true;
}

function ConnectionItem({ connection }: { connection: Connection }) {
  const view = useNavigation((s) => s.view);
  const go = useNavigation((s) => s.go);
  const target: View = { kind: 'connection', id: connection.id };
  const status = connectionStatus(connection);
  return (
    <li>
      <button
        type="button"
        className="nav-item nav-sub"
        aria-current={isCurrent(view, target) ? 'page' : undefined}
        onClick={() => go(target)}
      >
        <span className="nav-name" title={accountLabel(connection)}>
          {accountLabel(connection)}
        </span>
        <span className={`badge tone-${status.tone}`}>{status.label}</span>
      </button>
    </li>
  );
}

function ServiceItem({ service, connections }: { service: Service; connections: Connection[] }) {
  const view = useNavigation((s) => s.view);
  const go = useNavigation((s) => s.go);
  const target: View = { kind: 'service', service: service.id };
  const status = serviceStatus(service, connections);
  const mine = connections.filter((c) => c.service === service.id);
  return (
    <li className="service-item">
      <button type="button" className="nav-item" aria-current={isCurrent(view, target) ? 'page' : undefined} onClick={() => go(target)}>
        <span className="nav-name">{service.name}</span>
        <span className={`nav-status tone-${status.tone}`}>{status.label}</span>
      </button>
      {mine.length > 0 && (
        <ul aria-label={`${service.name} accounts`}>
          {mine.map((c) => (
            <ConnectionItem key={c.id} connection={c} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function Sidebar() {
  const { services, loaded, error } = useServices();
  const connections = useConnections((s) => s.connections);
  const view = useNavigation((s) => s.view);
  const go = useNavigation((s) => s.go);
  const tools: { view: View; label: string }[] = [
    { view: { kind: 'console' }, label: 'API console' },
    { view: { kind: 'history' }, label: 'History' },
    { view: { kind: 'settings' }, label: 'Settings' },
  ];
  return (
    <nav className="sidebar" aria-label="Main">
      <h2 id="services-heading" className="sidebar-heading">
        Services
      </h2>
      {error && (
        <p className="sidebar-error" role="alert">
          {error}
        </p>
      )}
      {/* Until the core has loaded (after the window: docs/architecture.md, "Start-up"), calls wait for it. */}
      {!loaded && (
        <p className="muted" role="status">
          Starting Junction…
        </p>
      )}
      <ul className="service-list" aria-labelledby="services-heading" data-testid="services-list">
        {services.map((s) => (
          <ServiceItem key={s.id} service={s} connections={connections} />
        ))}
      </ul>
      <ul className="tool-list" aria-label="Tools">
        {tools.map((t) => (
          <li key={t.label}>
            <button
              type="button"
              className="nav-item"
              aria-current={isCurrent(view, t.view) ? 'page' : undefined}
              onClick={() => go(t.view)}
            >
              {t.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
