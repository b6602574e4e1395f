import { useEffect } from 'react';
import { useLocalApi } from '../../stores/local-api';
import { formatDate, formatDuration } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import '../settings/local-api.css';

function tone(status: number): string {
  return status >= 200 && status < 300 ? 'ok' : status >= 400 ? 'bad' : 'warn';
}

/** History → Local API: the calls scripts made, newest first. Never a key or a token. */
export function LocalApiLog() {
  const { log, error, busy, loadLog } = useLocalApi();
  useEffect(() => void loadLog(), [loadLog]);
  return (
    <>
      <p className="muted">
        The last 500 calls to the local API since Junction started, kept in memory only: time, key, method, path (without its query) and
        status. 499 means the call ended before an answer.
      </p>
      <button type="button" className="secondary" disabled={busy} onClick={() => void loadLog()}>
        Refresh
      </button>
      {error && <Notice tone="error">{error}</Notice>}
      {log.length === 0 ? (
        <p className="muted">No calls yet.</p>
      ) : (
        <table className="headers-table local-api-table" aria-label="Local API calls, newest first">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Key</th>
              <th scope="col">Request</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {log.map((e, i) => (
              <tr key={`${e.at}-${i}`}>
                <td>{formatDate(e.at)}</td>
                <td>{e.keyName ?? <span className="muted">no valid key</span>}</td>
                <td className="local-api-path">
                  <span className="method">{e.method}</span> <code className="history-url">{e.path}</code>
                </td>
                <td>
                  <span className={`status status-${tone(e.status)}`}>
                    {e.status} · {formatDuration(e.durationMs)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
