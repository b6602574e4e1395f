import { useConsole } from '../../stores/console';
import { formatBytes, formatDuration } from '../../ui/format';

/**
 * The console's one live region: it says "Sending GET …" when a request leaves and the answer's
 * status once when it comes, so a screen reader hears each once and the response panel (not a
 * live region) is not read out whole. Errors are said by their own alert.
 */
export function Announcer() {
  const text = useConsole((s) => {
    if (s.sending && s.inFlight) return `Sending ${s.inFlight.method} ${s.inFlight.draft.url}.`;
    const r = s.response;
    if (!r) return '';
    return `Response ${r.status} ${r.statusText}, ${formatBytes(r.sizeBytes)} in ${formatDuration(r.durationMs)}.`;
  });
  return (
    <p className="console-announcer sr-only" role="status" aria-live="polite" aria-atomic="true">
      {text}
    </p>
  );
}
