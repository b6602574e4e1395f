import { RequestForm } from './RequestForm';
import { ResponseView } from './ResponseView';

export function ConsoleView() {
  return (
    <section className="view console" aria-labelledby="view-title">
      <h1 id="view-title">API console</h1>
      <RequestForm />
      <ResponseView />
    </section>
  );
}
