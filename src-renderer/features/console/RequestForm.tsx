import { useEffect, useId, type FormEvent, type KeyboardEvent } from 'react';
import type { HttpMethod } from '../../../src-shared/channels';
import { accountLabel, useConnections } from '../../stores/connections';
import { useConsole } from '../../stores/console';
import { useServices } from '../../stores/services';
import { isExpiring, needsReauth } from '../services/status';
import { CopyButton } from '../../ui/CopyButton';
import { Notice } from '../../ui/Notice';
import { BodyEditor } from './BodyEditor';
import { KeyValueEditor } from './KeyValueEditor';
import { presetsFor } from './presets';
import { METHODS, METHODS_WITH_BODY } from '../../lib/request';
import { CopyAs } from './CopyAs';
import { toLocalApiCurl } from '../../lib/local-api-curl';
import { localApiPort } from '../../stores/local-api';
import { useSaved } from '../../stores/saved';
import { SaveRequest } from '../saved/SaveRequest';
import { SavedList, SavedPicker } from '../saved/SavedList';
import { SavedMessage } from '../saved/SavedMessage';

export function RequestForm() {
  const connections = useConnections((s) => s.connections);
  const services = useServices((s) => s.services);
  const formError = useConsole((s) => s.formError);
  const { connectionId, method, url, sending, setConnection, setMethod, setUrl, load, send, cancel, draft } = useConsole();
  const connection = connections.find((c) => c.id === connectionId);
  const only = connections.length === 1 ? connections[0] : undefined;
  const loadSaved = useSaved((s) => s.load);
  const savedLoaded = useSaved((s) => s.loaded);
  useEffect(() => {
    if (!savedLoaded) void loadSaved();
  }, [savedLoaded, loadSaved]);
  useEffect(() => {
    // With a single account there is nothing to choose.
    if (!connectionId && only) setConnection(only.id);
  }, [connectionId, only, setConnection]);
  const presets = connection ? presetsFor(connection.service) : [];
  const ids = { connection: useId(), preset: useId(), method: useId(), url: useId(), base: useId() };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void send();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  };
  const onPreset = (presetId: string) => {
    const preset = presets.find((p) => p.id === presetId);
    if (preset && connection) load(preset.build({ account: connection.account, now: new Date() }));
  };
  const serviceName = (id: string) => services.find((s) => s.id === id)?.name ?? id;
  const service = services.find((s) => s.id === connection?.service);
  const snippetTarget = {
    apiBaseUrl: connection?.apiBaseUrl ?? '',
    id: connection?.service,
    provider: service?.provider,
    ...(service?.allowedOrigins ? { allowedOrigins: service.allowedOrigins } : {}),
  };

  return (
    <form className="request-form card" onSubmit={onSubmit} onKeyDown={onKeyDown} aria-label="Request">
      <div className="row wrap">
        <div className="field grow">
          <label htmlFor={ids.connection}>Connection</label>
          <select id={ids.connection} value={connectionId ?? ''} onChange={(e) => setConnection(e.target.value || null)}>
            <option value="">Choose a connection…</option>
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {serviceName(c.service)} — {accountLabel(c)}
                {needsReauth(c) ? ' (needs re-auth)' : isExpiring(c) ? ' (expiring)' : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor={ids.preset}>Preset</label>
          <select id={ids.preset} value="" disabled={!connection} onChange={(e) => onPreset(e.target.value)}>
            <option value="">{connection ? 'Fill the form with…' : 'Choose a connection first'}</option>
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label} ({p.kind})
              </option>
            ))}
          </select>
        </div>
        <SavedPicker service={connection?.service} disabled={!connection} />
      </div>
      {connection && <SavedList service={connection.service} />}
      <div className="row url-row">
        <div className="field">
          <label htmlFor={ids.method}>Method</label>
          <select id={ids.method} value={method} onChange={(e) => setMethod(e.target.value as HttpMethod)}>
            {METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor={ids.url}>URL</label>
          <div className="url-input">
            <span id={ids.base} className="url-base" title="The service's API base: relative URLs are appended to it">
              {connection?.apiBaseUrl ?? 'API base'}
            </span>
            <input
              id={ids.url}
              aria-describedby={ids.base}
              value={url}
              spellCheck={false}
              placeholder="/path"
              onChange={(e) => setUrl(e.target.value)}
            />
          </div>
        </div>
      </div>
      <KeyValueEditor kind="query" />
      <KeyValueEditor kind="headers" />
      {METHODS_WITH_BODY.includes(method) && <BodyEditor />}
      {formError && <Notice tone="error">{formError}</Notice>}
      <div className="row">
        {/* aria-disabled, not disabled: a disabled button drops keyboard focus to <body> mid-send. */}
        <button type="submit" className="primary" aria-disabled={sending} aria-keyshortcuts="Control+Enter Meta+Enter">
          {sending ? 'Sending…' : 'Send'}
        </button>
        {sending && (
          <button type="button" className="secondary" onClick={() => void cancel()}>
            Cancel
          </button>
        )}
        {connection && <SaveRequest service={connection.service} draft={draft} />}
        <CopyAs draft={draft} service={snippetTarget} />
        {connection && <CopyButton label="Copy for local API" text={() => toLocalApiCurl(draft(), connection.id, localApiPort())} />}
        <span className="muted hint">Ctrl/⌘ + Enter sends</span>
      </div>
      <SavedMessage />
    </form>
  );
}
