// A service's page as two tabs: its accounts (the service view) and its quick actions. The actions
// view is a chunk of its own, loaded the first time the tab opens (or the pointer nears it), so
// the first load stays small. Not React.lazy, for LazyJsonTree's reason: a Suspense boundary
// would hold the revealed tab back for up to 300 ms.
import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import type { ServiceId } from '../../../src-shared/types';
import { useActions, type ServiceTab } from '../../stores/actions';
import { findService, useServices } from '../../stores/services';
import { Tabs } from '../../ui/Tabs';

type View = ComponentType<{ service: ServiceId }>;

let loaded: View | null = null;
let loading: Promise<View> | null = null;

export function preloadQuickActions(): Promise<View> {
  loading ??= import('./QuickActionsView').then((module) => (loaded = module.default));
  return loading;
}

function LazyQuickActions({ service }: { service: ServiceId }) {
  const [view, setView] = useState<{ View: View } | null>(() => (loaded ? { View: loaded } : null));
  const [error, setError] = useState(false);
  useEffect(() => {
    if (view) return undefined;
    let live = true;
    preloadQuickActions().then(
      (View) => live && setView({ View }),
      () => live && setError(true),
    );
    return () => {
      live = false;
    };
  }, [view]);
  if (error)
    return (
      <p className="field-error" role="alert">
        The quick actions could not be loaded. Reload the window (Ctrl+R) and try again.
      </p>
    );
  if (!view) return <p className="muted">Loading the quick actions…</p>;
  return <view.View service={service} />;
}

export function ServiceTabs({ service, children }: { service: ServiceId; children: ReactNode }) {
  const tab = useActions((s) => s.tabs[service] ?? 'accounts');
  const setTab = useActions((s) => s.setTab);
  const name = useServices((s) => findService(s.services, service)?.name ?? 'Service');
  // The page's title comes first and the tabs below it, as on any page with sections; the title
  // names the section shown, so a reader landing on it hears where they are.
  return (
    <section
      className="view service-tabs"
      aria-labelledby="view-title"
      onPointerOver={() => void preloadQuickActions()}
      onFocus={() => void preloadQuickActions()}
    >
      <h1 id="view-title">{tab === 'accounts' ? name : `${name} quick actions`}</h1>
      <Tabs<ServiceTab>
        label={`${name} sections`}
        tabs={[
          { id: 'accounts', label: 'Accounts' },
          { id: 'actions', label: 'Quick actions' },
        ]}
        selected={tab}
        onSelect={(id) => setTab(service, id)}
      >
        {tab === 'accounts' ? children : <LazyQuickActions service={service} />}
      </Tabs>
    </section>
  );
}
