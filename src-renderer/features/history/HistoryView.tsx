import { useState } from 'react';
import { useConnections } from '../../stores/connections';
import { useConsole } from '../../stores/console';
import { useHistory, HISTORY_LIMIT, type HistoryEntry } from '../../stores/history';
import { useNavigation } from '../../stores/navigation';
import { CopyButton } from '../../ui/CopyButton';
import { formatDate, formatDuration } from '../../ui/format';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Notice } from '../../ui/Notice';
import { CopyAs } from '../console/CopyAs';
import { SaveRequest } from '../saved/SaveRequest';
import { SavedMessage } from '../saved/SavedMessage';
import { resolveTarget } from '../../lib/target';
import { useServices } from '../../stores/services';
import { localApiPort } from '../../stores/local-api';
import { toLocalApiCurl } from '../../lib/local-api-curl';
import { Tabs, type Tab } from '../../ui/Tabs';
import { LocalApiLog } from './LocalApiLog';

function Outcome({ entry }: { entry: HistoryEntry }) {
  const o = entry.outcome;
  if (o.kind === 'error') return <span className="status status-bad">{o.message}</span>;
  const tone = o.status >= 200 && o.status < 300 ? 'ok' : o.status >= 400 ? 'bad' : 'warn';
  return (
    <span className={`status status-${tone}`}>
      {o.status} {o.statusText} · {formatDuration(o.durationMs)}
    </span>
  );
}

function Entry({ entry, onMissing }: { entry: HistoryEntry; onMissing(): void }) {
  const exists = useConnections((s) => s.connections.some((c) => c.id === entry.connectionId));
  const go = useNavigation((s) => s.go);
  // The service's allowlist as the core gives it now; without it, only the entry's own base is allowed.
  const service = useServices((s) => s.services.find((x) => x.id === entry.service));
  const target = {
    apiBaseUrl: entry.apiBaseUrl,
    id: entry.service,
    provider: service?.provider,
    ...(service?.allowedOrigins ? { allowedOrigins: service.allowedOrigins } : {}),
  };
  const open = (run: boolean) => {
    if (!exists) {
      onMissing();
    }
    const console = useConsole.getState();
    console.load(entry.request, exists ? entry.connectionId : undefined);
    go({ kind: 'console' });
    if (run && exists) void console.send();
  };
  return (
    <li className="history-entry">
      {entry.action && (
        <div>
          <span className="badge">Quick action: {entry.action}</span>
        </div>
      )}
      <div className="history-line">
        <span className="method">{entry.request.method}</span>
        <code className="history-url">{resolveTarget(target, entry.request.url, entry.request.query).url}</code>
      </div>
      <div className="history-meta muted">
        {formatDate(entry.at)} · {entry.account} · <Outcome entry={entry} />
      </div>
      <div className="row">
        <button type="button" className="secondary" onClick={() => open(false)}>
          Load into form
        </button>
        <button type="button" className="secondary" disabled={!exists} onClick={() => open(true)}>
          Re-run
        </button>
        <SaveRequest service={entry.service} draft={() => entry.request} />
        <CopyAs draft={() => entry.request} service={target} />
        <CopyButton label="Copy for local API" text={() => toLocalApiCurl(entry.request, entry.connectionId, localApiPort())} />
      </div>
    </li>
  );
}

export function HistoryView() {
  const [tab, setTab] = useState<HistoryTab>('requests');
  return (
    <section className="view" aria-labelledby="view-title">
      <h1 id="view-title">History</h1>
      <Tabs<HistoryTab> label="History" tabs={HISTORY_TABS} selected={tab} onSelect={setTab}>
        {tab === 'requests' ? <RequestHistory /> : <LocalApiLog />}
      </Tabs>
    </section>
  );
}

type HistoryTab = 'requests' | 'local-api';

function plural(count: number): string {
  return `${count} request${count === 1 ? '' : 's'}`;
}

const HISTORY_TABS: Tab<HistoryTab>[] = [
  { id: 'requests', label: 'Requests' },
  { id: 'local-api', label: 'Local API' },
];

function RequestHistory() {
  const { entries, clear, restore } = useHistory();
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  // What the last Clear removed, until Undo or Dismiss.
  const [cleared, setCleared] = useState<HistoryEntry[] | null>(null);
  const onClear = () => {
    setCleared(clear());
    setConfirming(false);
  };
  const onUndo = () => {
    if (cleared) restore(cleared);
    setCleared(null);
  };
  return (
    <>
      <p className="muted">
        The last {HISTORY_LIMIT} requests are kept on this computer, in the window&apos;s local storage. They never hold a token: whatever
        you typed under a name like key, token, secret, auth, session, cookie or password (headers, query parameters, body fields), a user
        name and password in a URL, and anything shaped like a token are kept as [redacted]. Responses are not kept.
      </p>
      <SavedMessage />
      {message && (
        <Notice tone="info" onDismiss={() => setMessage(null)}>
          {message}
        </Notice>
      )}
      {cleared && (
        <Notice tone="info" onDismiss={() => setCleared(null)}>
          History cleared ({plural(cleared.length)}).{' '}
          <button type="button" className="link" onClick={onUndo}>
            Undo
          </button>
        </Notice>
      )}
      {confirming && (
        <ConfirmDialog
          title={`Clear ${plural(entries.length)} from history?`}
          description="They are removed from this computer. You can undo it until you leave History."
          confirmLabel="Yes, clear history"
          cancelLabel="Keep them"
          onConfirm={onClear}
          onCancel={() => setConfirming(false)}
        />
      )}
      {entries.length === 0 ? (
        <p className="muted">No requests yet.</p>
      ) : (
        <>
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Clear history
          </button>
          <ol className="history-list" aria-label="Requests, newest first">
            {entries.map((e) => (
              <Entry key={e.id} entry={e} onMissing={() => setMessage('That connection is gone: pick another one in the console.')} />
            ))}
          </ol>
        </>
      )}
    </>
  );
}
