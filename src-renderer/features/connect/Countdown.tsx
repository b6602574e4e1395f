import { useEffect, useState } from 'react';
import { formatCountdown } from '../../ui/format';

/** A token's expiry, ticking every second. Not a live region: it would chatter. */
export function Countdown({ at }: { at: number | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [at]);
  if (at === null) return <span>no expiry reported</span>;
  const expired = at <= now;
  return (
    <time dateTime={new Date(at).toISOString()} title={new Date(at).toLocaleString()}>
      {expired ? `expired ${formatCountdown(at, now)} (refreshed on the next call)` : `expires ${formatCountdown(at, now)}`}
    </time>
  );
}
