import { useId, useState } from 'react';
import type { Service, ServiceId } from '../../../src-shared/types';
import { Notice } from '../../ui/Notice';
import { useConnections } from '../../stores/connections';
import { useNavigation } from '../../stores/navigation';
import { useServices } from '../../stores/services';
import { storageBlocksSignIn, useSettings } from '../../stores/settings';
import { ImportToken } from './ImportToken';
import { PendingSignIn } from './PendingSignIn';

/** Connect a new account of a service: pick extra scopes, then hand over to the browser. */
export function ConnectForm({ service }: { service: Service }) {
  const { flow, starting, outcome, connect, dismissOutcome } = useConnections();
  const blocked = useSettings((s) => storageBlocksSignIn(s.app));
  const go = useNavigation((s) => s.go);
  const [extra, setExtra] = useState<string[]>([]);
  const [also, setAlso] = useState<ServiceId[]>([]);
  // The provider's other services, set up with the same client: one consent can connect them all.
  const services = useServices((s) => s.services);
  const siblings = services.filter((x) => x.provider === service.provider && x.id !== service.id && x.configured);
  const providerName = useSettings((s) => s.providers.find((p) => p.provider === service.provider)?.name ?? service.provider);
  const scopesId = useId();
  const alsoId = useId();
  const meaning = (scope: string) => service.scopeInfo?.find((i) => i.scope === scope)?.description ?? scope;
  const busy = flow !== null || starting !== null;
  const toggle = (scope: string, on: boolean) => setExtra((list) => (on ? [...list, scope] : list.filter((s) => s !== scope)));
  const myOutcome = outcome?.service === service.id ? outcome : null;

  return (
    <div className="card">
      <h2>Connect an account</h2>
      <p className="muted">
        Always asked:{' '}
        {service.scopes.length === 0
          ? 'nothing'
          : service.scopes.map((scope, i) => (
              <span key={scope} className="scopes" title={scope}>
                {i > 0 && '; '}
                {meaning(scope)}
              </span>
            ))}
        .
      </p>
      {siblings.length > 0 && (
        <fieldset className="scopes-picker" aria-describedby={alsoId}>
          <legend>Also connect</legend>
          <p id={alsoId} className="muted">
            One sign-in serves every {providerName} service of the account: tick the others to connect them in the same consent.
          </p>
          {siblings.map((other) => (
            <label key={other.id} className="checkbox">
              <input
                type="checkbox"
                checked={also.includes(other.id)}
                disabled={busy}
                onChange={(e) => setAlso((list) => (e.target.checked ? [...list, other.id] : list.filter((id) => id !== other.id)))}
              />
              <span>{other.name}</span>
            </label>
          ))}
        </fieldset>
      )}
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
              <span title={o.scope}>{o.description}</span>
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
        <button
          type="button"
          className="primary"
          disabled={busy || blocked}
          onClick={() => void connect(service.id, extra, undefined, also)}
        >
          {starting === service.id ? 'Opening your browser…' : `Connect ${service.name}${also.length ? ` + ${also.length} more` : ''}`}
        </button>
      )}
      {flow && flow.service !== service.id && <p className="muted">Another sign-in is under way; finish or cancel it first.</p>}
      {myOutcome && (
        <Notice tone={myOutcome.kind === 'success' ? 'success' : myOutcome.kind === 'error' ? 'error' : 'info'} onDismiss={dismissOutcome}>
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
