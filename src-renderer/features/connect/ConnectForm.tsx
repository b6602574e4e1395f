import { useId, useState } from 'react';
import type { Service } from '../../../src-shared/types';
import { Notice } from '../../ui/Notice';
import { useConnections } from '../../stores/connections';
import { useNavigation } from '../../stores/navigation';
import { storageBlocksSignIn, useSettings } from '../../stores/settings';
import { ImportToken } from './ImportToken';
import { PendingSignIn } from './PendingSignIn';

/** Connect a new account of a service: pick extra scopes, then hand over to the browser. */
export function ConnectForm({ service }: { service: Service }) {
  const { flow, starting, outcome, connect, dismissOutcome } = useConnections();
  const blocked = useSettings((s) => storageBlocksSignIn(s.app));
  const go = useNavigation((s) => s.go);
  const [extra, setExtra] = useState<string[]>([]);
  const scopesId = useId();
  const busy = flow !== null || starting !== null;
  const toggle = (scope: string, on: boolean) => setExtra((list) => (on ? [...list, scope] : list.filter((s) => s !== scope)));
  const myOutcome = outcome?.service === service.id ? outcome : null;

  return (
    <div className="card">
      <h2>Connect an account</h2>
      <p className="muted">
        Always asked: <span className="scopes">{service.scopes.join(' ') || 'no scopes'}</span>
      </p>
      {service.optionalScopes.length > 0 && (
        <fieldset className="scopes-picker" aria-describedby={scopesId}>
          <legend>Extra scopes</legend>
          <p id={scopesId} className="muted">
            Tick any extra access to ask for.
          </p>
          {service.optionalScopes.map((o) => (
            <label key={o.scope} className="checkbox">
              <input
                type="checkbox"
                checked={extra.includes(o.scope)}
                onChange={(e) => toggle(o.scope, e.target.checked)}
                disabled={busy}
              />
              <span>
                {o.description} <code className="scope">{o.scope}</code>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {blocked && (
        <Notice tone="warning">
          Accept weaker storage first (see the banner above, or{' '}
          <button type="button" className="link" onClick={() => go({ kind: 'settings' })}>
            Settings
          </button>
          ): the app will not sign in until then.
        </Notice>
      )}
      {flow?.service === service.id ? (
        <PendingSignIn flow={flow} />
      ) : (
        <button type="button" className="primary" disabled={busy || blocked} onClick={() => void connect(service.id, extra)}>
          {starting === service.id ? 'Opening your browser…' : `Connect ${service.name}`}
        </button>
      )}
      {flow && flow.service !== service.id && <p className="muted">Another sign-in is under way; finish or cancel it first.</p>}
      {myOutcome && (
        <Notice
          tone={myOutcome.kind === 'success' ? 'success' : myOutcome.kind === 'cancelled' ? 'info' : 'error'}
          onDismiss={dismissOutcome}
        >
          {myOutcome.message}
          {myOutcome.connectionId && (
            <>
              {' '}
              <button type="button" className="link" onClick={() => go({ kind: 'connection', id: myOutcome.connectionId as string })}>
                Open the connection
              </button>
            </>
          )}
        </Notice>
      )}
      <ImportToken service={service} disabled={blocked} />
    </div>
  );
}
