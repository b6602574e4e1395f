import { useEffect } from 'react';
import { Announcer } from './Announcer';
import { preloadJsonTree } from './LazyJsonTree';
import { RequestForm } from './RequestForm';
import { ResponseView } from './ResponseView';
import { SplitPane } from './SplitPane';
import './console.css';

export function ConsoleView() {
  useEffect(() => void preloadJsonTree(), []);
  return (
    <section className="view console" aria-labelledby="view-title">
      <h1 id="view-title">API console</h1>
      <SplitPane label="Resize request and response" first={<RequestForm />} second={<ResponseView />} />
      <Announcer />
    </section>
  );
}
