import { accountLabel, useConnections } from '../../stores/connections';
import { useHealthNotices } from '../../stores/health-notices';
import { useNavigation } from '../../stores/navigation';
import { useServices } from '../../stores/services';
import { formatDay } from '../../ui/format';
import { Notice } from '../../ui/Notice';

/** Said once when a connection's sign-in is about to end (`connection.expiring`), until dismissed. */
export function ExpiringNotices() {
  const notices = useHealthNotices((s) => s.expiring);
  const dismiss = useHealthNotices((s) => s.dismiss);
  const connections = useConnections((s) => s.connections);
  const services = useServices((s) => s.services);
  const go = useNavigation((s) => s.go);
  return (
    <>
      {notices.map((n) => {
        const connection = connections.find((c) => c.id === n.connectionId);
        // A connection deleted since, or repaired by a reconnect, has nothing left to warn about.
        if (!connection || connection.health.state === 'ok') return null;
        const service = services.find((s) => s.id === connection.service)?.name ?? connection.service;
        return (
          <Notice key={n.connectionId} tone="warning" onDismiss={() => dismiss(n.connectionId)}>
            {service} · {accountLabel(connection)}: the sign-in ends on{' '}
            <time dateTime={new Date(n.actBy).toISOString()}>{formatDay(n.actBy)}</time>. Reconnect before then to keep access.{' '}
            <button
              type="button"
              className="link"
              onClick={() => {
                dismiss(n.connectionId);
                go({ kind: 'connection', id: connection.id });
              }}
            >
              Open the connection
            </button>
          </Notice>
        );
      })}
    </>
  );
}
