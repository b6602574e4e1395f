import { useEffect, useState } from 'react';
import type { ConnectionPace } from '../../../src-shared/types';
import { api } from '../../api/client';

/** How often the detail asks again: the numbers move while requests run. */
const REFRESH_MS = 2_000;

function describe(pace: ConnectionPace, now: number): string {
  const parts = [`${pace.requestsLastMinute} request${pace.requestsLastMinute === 1 ? '' : 's'} in the last minute`];
  if (pace.queued > 0) parts.push(`${pace.queued} waiting`);
  if (pace.nextSendAt !== null && pace.nextSendAt > now + 500) parts.push(`next send in ${Math.ceil((pace.nextSendAt - now) / 1000)} s`);
  return parts.join(' · ');
}

const readPace = (id: string) => api()['connections.pace']({ id });

/** The connection's current pace (`connections.pace`), as `<dt>`/`<dd>` for the facts list. */
export function PaceFacts({ id }: { id: string }) {
  // With the time it was read, so "next send in" is counted from the answer, not from a re-render.
  const [pace, setPace] = useState<{ pace: ConnectionPace; at: number } | null>(null);
  useEffect(() => {
    let live = true;
    const read = () =>
      readPace(id)
        .then((next) => live && setPace({ pace: next, at: Date.now() }))
        // A connection going away, or an older core: the line just stays out.
        .catch(() => live && setPace(null));
    void read();
    const timer = setInterval(read, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [id]);
  if (!pace) return null;
  const { reason } = pace.pace;
  return (
    <>
      <dt>Pace</dt>
      <dd>
        {describe(pace.pace, pace.at)}
        {reason && <span className="badge tone-warn">{reason}</span>}
      </dd>
    </>
  );
}
