import { useEffect, useRef } from 'react';
import { ServiceTabs } from '../features/actions/ServiceTabs';
import { ExpiringNotices } from '../features/connect/ExpiringNotices';
import { ConnectionDetail } from '../features/connect/ConnectionDetail';
import { ServiceView } from '../features/connect/ServiceView';
import { ConsoleView } from '../features/console/ConsoleView';
import { HistoryView } from '../features/history/HistoryView';
import { Sidebar } from '../features/services/Sidebar';
import { SettingsView } from '../features/settings/SettingsView';
import { WriteConfirmHost } from '../features/writes/WriteConfirmHost';
import { StorageBanner } from '../features/settings/StorageBanner';
import { useNavigation, type View } from '../stores/navigation';
import { start } from './start';

function Main({ view }: { view: View }) {
  switch (view.kind) {
    case 'service':
      return (
        <ServiceTabs service={view.service}>
          <ServiceView id={view.service} />
        </ServiceTabs>
      );
    case 'connection':
      return <ConnectionDetail id={view.id} />;
    case 'console':
      return <ConsoleView />;
    case 'history':
      return <HistoryView />;
    case 'settings':
      return <SettingsView {...(view.provider ? { focus: view.provider } : {})} />;
    default: {
      const missing: never = view;
      return <p>Unknown view {JSON.stringify(missing)}</p>;
    }
  }
}

export function App() {
  const view = useNavigation((s) => s.view);
  useEffect(() => start(), []);
  const shown = useRef(view);
  useEffect(() => {
    // A new view is like a new page: take focus to its heading so keyboard and screen reader users land there.
    // Compared with the view last shown, not a "first run" flag: StrictMode runs the effect twice on
    // mount in a development build, and the second run would take focus from the skip link.
    if (shown.current === view) return;
    shown.current = view;
    // A view that already put focus somewhere of its own (Settings opened on one provider's field)
    // keeps it: child effects run before this one.
    const active = document.activeElement;
    if (active && active !== document.body && document.getElementById('main')?.contains(active)) return;
    const heading = document.getElementById('view-title');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: false });
  }, [view]);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Sidebar />
      <main id="main" tabIndex={-1}>
        <StorageBanner />
        <ExpiringNotices />
        <Main view={view} />
      </main>
      <WriteConfirmHost />
    </div>
  );
}
