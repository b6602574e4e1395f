import { useEffect, useState } from 'react';
import type { ApiResponse } from '../../../src-shared/types';
import { useConnections } from '../../stores/connections';
import { useConsole } from '../../stores/console';
import { GrantAccess } from '../connect/GrantAccess';
import { formatBytes, formatDuration } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { Tabs } from '../../ui/Tabs';
import { LazyBodyViewer, preloadBodyViewer } from './viewer/LazyBodyViewer';
import { ReconnectOffer } from './ReconnectOffer';
import { Waiting } from './Waiting';
import { AttemptTimeline } from './AttemptTimeline';

function statusTone(status: number): string {
  if (status >= 200 && status < 300) return 'ok';
  if (status >= 400) return 'bad';
  return 'warn';
}

function Summary({ response }: { response: ApiResponse }) {
  return (
    <div className="response-summary" role="group" aria-label="Response summary">
      <span className={`status status-${statusTone(response.status)}`}>
        {response.status} {response.statusText}
      </span>
      <span>{formatDuration(response.durationMs)}</span>
      <span>{formatBytes(response.sizeBytes)}</span>
      <span>
        {response.attempts} attempt{response.attempts === 1 ? '' : 's'}
      </span>
      {response.refreshed && <span className="badge tone-ok">token refreshed</span>}
      {response.waitedMs !== undefined && response.waitedMs >= 100 && (
        <span className="badge tone-warn">waited {(response.waitedMs / 1000).toFixed(1)} s for the rate limit</span>
      )}
      {response.truncated && <span className="badge tone-warn">truncated</span>}
      <AttemptTimeline response={response} />
      <code className="response-url">{response.url}</code>
      {response.hint && <p className="response-hint">{response.hint}</p>}
    </div>
  );
}

type ResponseTab = 'body' | 'headers';

export function ResponsePanel({ response }: { response: ApiResponse }) {
  const [tab, setTab] = useState<ResponseTab>('body');
  const headers = Object.entries(response.headers);
  return (
    <section className="response card" aria-label="Response">
      <Summary response={response} />
      <Tabs<ResponseTab>
        label="Response parts"
        tabs={[
          { id: 'body', label: 'Body' },
          { id: 'headers', label: `Headers (${headers.length})` },
        ]}
        selected={tab}
        onSelect={setTab}
      >
        {tab === 'headers' ? (
          <table className="headers-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {headers.map(([name, value]) => (
                <tr key={name}>
                  <td>
                    <code>{name}</code>
                  </td>
                  <td>
                    <code>{value}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <LazyBodyViewer response={response} />
        )}
      </Tabs>
    </section>
  );
}

/** A missing-scope answer: Grant access on the connection it went out with, then Send again. */
function ScopeDoctor({ response }: { response: ApiResponse }) {
  const sentWith = useConsole((s) => s.sentWith);
  const connection = useConnections((s) => s.connections.find((c) => c.id === sentWith));
  if (!connection || !response.missingScopes?.length) return null;
  const again = () => {
    useConsole.getState().setConnection(connection.id);
    void useConsole.getState().send();
  };
  return <GrantAccess connection={connection} missingScopes={response.missingScopes} retryLabel="Send again" onRetry={again} />;
}

export function ResponseView() {
  const response = useConsole((s) => s.response);
  const error = useConsole((s) => s.error);
  const sending = useConsole((s) => s.sending);
  const responseKey = useConsole((s) => s.responseKey);
  useEffect(() => void preloadBodyViewer(), []);
  if (sending) return <Waiting />;
  return (
    <>
      {!error && !response && <p className="muted">Send a request to see its answer here.</p>}
      {error && <Notice tone="error">{error}</Notice>}
      <ReconnectOffer key={`reconnect-${responseKey}`} />
      {response && <ScopeDoctor key={`doctor-${responseKey}`} response={response} />}
      {response && <ResponsePanel key={responseKey} response={response} />}
    </>
  );
}
