import { useEffect } from 'react';
import { Announcer } from './Announcer';
import { preloadJsonTree } from './LazyJsonTree';
import { RequestForm } from './RequestForm';
import { ResponseView } from './ResponseView';
import './console.css';

export function ConsoleView() {
  useEffect(() => void preloadJsonTree(), []);
  return (
    <section className="view console" aria-labelledby="view-title">
      <h1 id="view-title">API console</h1>
      <RequestForm />
      <ResponseView />
      <Announcer />
    </section>
  );
}
