import { useEffect } from 'react';
import { preloadJsonTree } from './LazyJsonTree';
import { RequestForm } from './RequestForm';
import { ResponseView } from './ResponseView';

export function ConsoleView() {
  useEffect(() => void preloadJsonTree(), []);
  return (
    <section className="view console" aria-labelledby="view-title">
      <h1 id="view-title">API console</h1>
      <RequestForm />
      <ResponseView />
    </section>
  );
}
