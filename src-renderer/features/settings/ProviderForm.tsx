import { useId, useState, type FormEvent } from 'react';
import type { ProviderSettings, RedirectMode } from '../../../src-shared/types';
import { errorMessage } from '../../api/errors';
import { useSettings } from '../../stores/settings';
import { CopyButton } from '../../ui/CopyButton';
import { Notice } from '../../ui/Notice';

const MODE_LABELS: Record<RedirectMode, string> = {
  loopback: 'Loopback (http://127.0.0.1 on a free port)',
  protocol: 'App link (junction://)',
};

function missingWords(name: string, missing: ProviderSettings['missing']): string {
  return missing === 'clientSecret'
    ? `${name}'s token endpoint needs the client secret of your Desktop client. Paste it under Client secret.`
    : 'the client ID is missing.';
}

/** One provider's client: ID, write-only secret, redirect mode and the URI to register. */
export function ProviderForm({ provider }: { provider: ProviderSettings }) {
  const save = useSettings((s) => s.saveProvider);
  const [clientId, setClientId] = useState(provider.clientId ?? '');
  const [secret, setSecret] = useState('');
  const [mode, setMode] = useState<RedirectMode>(provider.redirectMode);
  const [testing, setTesting] = useState(provider.testingClient ?? false);
  const offersTesting = provider.provider === 'google';
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const ids = {
    clientId: useId(),
    clientIdError: useId(),
    secret: useId(),
    secretHelp: useId(),
    secretError: useId(),
    redirect: useId(),
    testingHelp: useId(),
  };
  const missing = provider.missing;

  const submit = async (e: FormEvent, clientSecret?: string) => {
    e.preventDefault();
    setSaving(true);
    setMessage(null);
    try {
      const row = await save({
        provider: provider.provider,
        clientId,
        redirectMode: mode,
        ...(clientSecret === undefined ? {} : { clientSecret }),
        ...(offersTesting ? { testingClient: testing } : {}),
      });
      setSecret('');
      // Saved but still not set up (Google without its client secret) is not a success: say why, in red.
      setMessage(
        row.configured
          ? { tone: 'success', text: `${provider.name} saved.` }
          : { tone: 'error', text: `Saved, but ${provider.name} is not set up yet: ${missingWords(provider.name, row.missing)}` },
      );
    } catch (error) {
      setMessage({ tone: 'error', text: errorMessage(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="card" aria-labelledby={`${ids.clientId}-title`} onSubmit={(e) => void submit(e, secret ? secret : undefined)}>
      <h2 id={`${ids.clientId}-title`}>
        {provider.name}{' '}
        <span className={`badge tone-${provider.configured ? 'ok' : 'muted'}`}>{provider.configured ? 'Set up' : 'Not set up'}</span>
      </h2>
      <p className="muted">
        Create an OAuth client in the{' '}
        <a href={provider.consoleUrl} target="_blank" rel="noreferrer">
          {provider.name} developer console
        </a>
        {provider.registersRedirectUri ? ', register the redirect URI below,' : ''} and paste its client ID here.
      </p>
      <div className="field">
        <label htmlFor={ids.clientId}>Client ID</label>
        <input
          id={ids.clientId}
          value={clientId}
          spellCheck={false}
          autoComplete="off"
          required
          aria-invalid={missing === 'clientId' && message !== null ? true : undefined}
          {...(missing === 'clientId' && message !== null ? { 'aria-describedby': ids.clientIdError } : {})}
          onChange={(e) => setClientId(e.target.value)}
        />
        {missing === 'clientId' && message !== null && (
          <p id={ids.clientIdError} className="field-error">
            Enter the client ID of your {provider.name} OAuth client.
          </p>
        )}
      </div>
      {provider.needsClientSecret && (
        <div className="field">
          <label htmlFor={ids.secret}>Client secret</label>
          <input
            id={ids.secret}
            type="password"
            value={secret}
            autoComplete="off"
            aria-describedby={missing === 'clientSecret' ? `${ids.secretError} ${ids.secretHelp}` : ids.secretHelp}
            aria-invalid={missing === 'clientSecret' ? true : undefined}
            placeholder={provider.hasClientSecret ? 'saved' : ''}
            onChange={(e) => setSecret(e.target.value)}
          />
          {missing === 'clientSecret' && (
            <p id={ids.secretError} className="field-error">
              Required: {provider.name} is not set up until the client secret is saved.
            </p>
          )}
          <p id={ids.secretHelp} className="muted">
            {provider.hasClientSecret ? 'A secret is saved; it is never shown. Type a new one to replace it.' : 'No secret saved.'}
            {provider.hasClientSecret && (
              <>
                {' '}
                <button type="button" className="link" onClick={(e) => void submit(e, '')}>
                  Remove the saved secret
                </button>
              </>
            )}
          </p>
        </div>
      )}
      {offersTesting && (
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" checked={testing} aria-describedby={ids.testingHelp} onChange={(e) => setTesting(e.target.checked)} />
            <span>This client is in Testing</span>
          </label>
          <p id={ids.testingHelp} className="muted">
            {provider.name} ends refresh tokens 7 days after sign-in for apps in Testing; Junction then shows each connection's end and
            warns before it. Check it in the Google Cloud console → OAuth consent screen → Publishing status.
          </p>
        </div>
      )}
      {provider.redirectModes.length > 1 ? (
        <fieldset className="field">
          <legend>Redirect</legend>
          {provider.redirectModes.map((m) => (
            <label key={m} className="radio">
              <input type="radio" name={`${provider.provider}-redirect`} value={m} checked={mode === m} onChange={() => setMode(m)} />
              <span>{MODE_LABELS[m]}</span>
            </label>
          ))}
        </fieldset>
      ) : (
        // One mode is no choice: say it rather than offer a radio group of one.
        <p className="field">
          <strong>Redirect:</strong> {MODE_LABELS[provider.redirectMode]}, the only kind {provider.name} accepts.
        </p>
      )}
      <div className="field">
        <label htmlFor={ids.redirect}>{provider.registersRedirectUri ? 'Redirect URI to register' : 'Redirect URI'}</label>
        <div className="row">
          <input id={ids.redirect} className="grow code" readOnly value={provider.redirectUri} />
          <CopyButton text={provider.redirectUri} label="Copy redirect URI" />
        </div>
        <p className="muted">{provider.redirectHelp}</p>
        {mode !== provider.redirectMode && <p className="muted">Save to see the URI for the new mode.</p>}
      </div>
      <p className="muted">
        Have a refresh token from your own earlier sign-in with this same client ID (a script, another tool)? Paste it under a service's
        Connect card: <em>I already have a refresh token</em>.
      </p>
      <button type="submit" className="primary" disabled={saving}>
        {saving ? 'Saving…' : `Save ${provider.name}`}
      </button>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
    </form>
  );
}
