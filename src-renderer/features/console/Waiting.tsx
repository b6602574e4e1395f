import { useEffect, useState } from 'react';
import type { ConnectionPace } from '../../../src-shared/types';
import { api } from '../../api/client';
import { resolveTarget } from '../../lib/target';
import { useConnections } from '../../stores/connections';
import { useConsole } from '../../stores/console';
import { useServices } from '../../stores/services';

const readPace = (id: string) => api()['connections.pace']({ id });

/** Why the request has not been answered yet, from the connection's pace: its turn, or a rate limit. */
function paceWords(pace: ConnectionPace | null, now: number): string | null {
  if (!pace) return null;
  if (pace.reason) return `Junction is ${pace.reason} before sending it.`;
  if (pace.queued > 0 && pace.nextSendAt !== null && pace.nextSendAt > now + 500) {
    return `It waits its turn: the next send is in ${Math.ceil((pace.nextSendAt - now) / 1000)} s.`;
  }
  return null;
}

/**
 * "Waiting for Gmail to answer GET https://…/users/me/profile (3 s)": what is being waited for, not
 * just that something is. Not a live region: the console announces the start and the answer once.
 */
export function Waiting() {
  const inFlight = useConsole((s) => s.inFlight);
  const connection = useConnections((s) => s.connections.find((c) => c.id === inFlight?.connectionId));
  const service = useServices((s) => s.services.find((x) => x.id === connection?.service));
  const [now, setNow] = useState(inFlight?.startedAt ?? 0);
  const [pace, setPace] = useState<ConnectionPace | null>(null);
  const connectionId = inFlight?.connectionId;
  useEffect(() => {
    if (!connectionId) return;
    let live = true;
    const tick = () => {
      setNow(Date.now());
      // The pace says whether Junction itself holds the request back (a rate limit, a queue).
      void readPace(connectionId)
        .then((next) => live && setPace(next))
        .catch(() => undefined);
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [connectionId]);
  if (!inFlight) return null;
  const target = resolveTarget(
    { apiBaseUrl: connection?.apiBaseUrl ?? '', ...(service?.allowedOrigins ? { allowedOrigins: service.allowedOrigins } : {}) },
    inFlight.draft.url,
    inFlight.draft.query,
  );
  const seconds = Math.max(0, Math.floor((now - inFlight.startedAt) / 1000));
  const why = paceWords(pace, now);
  return (
    <div className="waiting">
      <p>
        Waiting for {service?.name ?? 'the service'} to answer <span className="method">{inFlight.method}</span>{' '}
        <code className="response-url">{target.url}</code>
        {seconds > 0 && <span className="muted"> ({seconds} s)</span>}
      </p>
      {why && <p className="muted">{why}</p>}
    </div>
  );
}
