import { useEffect, useRef } from 'react';
import type { ProviderId } from '../../../src-shared/types';
import { useSettings } from '../../stores/settings';
import { Notice } from '../../ui/Notice';
import { ProviderForm } from './ProviderForm';
import { LocalApiSettings } from './LocalApiSettings';
import { StorageSetting } from './StorageSetting';
import { BodyCapSetting } from './BodyCapSetting';

export function SettingsView({ focus }: { focus?: ProviderId }) {
  const { providers, error, loading } = useSettings();
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focus) return;
    container.current?.querySelector<HTMLElement>(`[data-provider="${focus}"] input`)?.focus();
  }, [focus, providers.length]);
  return (
    <section className="view" aria-labelledby="view-title">
      <h1 id="view-title">Settings</h1>
      {error && <Notice tone="error">{error}</Notice>}
      {loading && providers.length === 0 && <p className="muted">Loading…</p>}
      <div ref={container}>
        {providers.map((p) => (
          <div key={p.provider} data-provider={p.provider}>
            <ProviderForm provider={p} />
          </div>
        ))}
      </div>
      <StorageSetting />
      <BodyCapSetting />
      <LocalApiSettings />
    </section>
  );
}
