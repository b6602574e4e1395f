import { useMemo } from 'react';
import type { ActionDescriptor } from '../../../src-shared/actions';
import type { Connection } from '../../../src-shared/types';
import { runKey, useActions, type ParamValue } from '../../stores/actions';
import { accountLabel } from '../../stores/connections';
import { useNavigation } from '../../stores/navigation';
import { useWriteGuard } from '../../stores/write-guard';
import { formatDuration } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { GrantAccess } from '../connect/GrantAccess';
import { actionAsk } from './action-ask';
import { ParamsForm } from './ParamsForm';
import { fieldsOf } from './params-schema';
import { ResultView } from './ResultView';
import { missingScopes } from './scopes';

interface Props {
  action: ActionDescriptor;
  connection: Connection;
  serviceName: string;
}

/** One action: its options, a confirm step when it writes, the run, and its table. */
export function ActionRunner({ action, connection, serviceName }: Props) {
  const fields = useMemo(() => fieldsOf(action.params), [action.params]);
  const state = useActions((s) => s.runs[runKey(connection.id, action.id)]);
  const run = useActions((s) => s.run);
  const cancelRun = useActions((s) => s.cancelRun);
  const go = useNavigation((s) => s.go);
  const running = state?.status === 'running';
  const account = accountLabel(connection);
  const missing = missingScopes(connection, action.scopes);
  // The core's refusal names the scopes (its own check, or the provider's 403); before a run, the descriptor does.
  const grantFor = state?.status === 'error' && state.missingScopes ? state.missingScopes : missing;

  const start = async (params: Record<string, ParamValue>) => {
    const ask = actionAsk(action, connection, account, serviceName, fields, params);
    if (action.writes && !(await useWriteGuard.getState().confirm(ask))) return;
    void run(connection.id, action.id, params);
  };

  return (
    <section className="action-runner card" aria-labelledby={`${action.id}-title`}>
      <h2 id={`${action.id}-title`}>
        {action.title} {action.writes && <span className="badge tone-warn">changes your account</span>}
      </h2>
      <p className="muted">{action.description}</p>
      {grantFor.length > 0 && (
        <GrantAccess
          connection={connection}
          missingScopes={grantFor}
          retryLabel="Run again"
          {...(state?.status === 'error' && state.missingScopes ? { reason: state.message } : {})}
          {...(state?.status === 'error' && state.missingScopes ? { onRetry: () => void start(state.params) } : {})}
        />
      )}
      <ParamsForm
        key={`${connection.id}/${action.id}`}
        fields={fields}
        submitLabel={running ? 'Running…' : 'Run'}
        busy={running}
        onSubmit={(params) => void start(params)}
        extra={
          running && (
            <button type="button" className="secondary" onClick={() => void cancelRun(connection.id, action.id)}>
              Cancel
            </button>
          )
        }
      />
      <div aria-live="polite" className="run-status">
        {running && (
          <p className="pending-line">
            <span className="spinner" aria-hidden="true" /> Running “{action.title}” as {account}…
            {state.waiting && (
              <span className="muted"> {state.waiting.charAt(0).toUpperCase() + state.waiting.slice(1)}; it goes on after it.</span>
            )}
          </p>
        )}
        {state?.status === 'done' && (
          <span className="sr-only">
            “{action.title}” finished: {state.result.summary ?? `${state.result.rows.length} rows`}.
          </span>
        )}
      </div>
      {state?.status === 'error' && !state.missingScopes && (
        <Notice tone="error">
          {state.message}
          {(state.code === 'access_denied' || state.code === 'reauth_required') && (
            <>
              {' '}
              <button type="button" className="link" onClick={() => go({ kind: 'connection', id: connection.id })}>
                Open the connection
              </button>
            </>
          )}
        </Notice>
      )}
      {state?.status === 'done' && (
        <ResultView
          label={`${action.title} result`}
          caption={action.title}
          exportName={action.title}
          columns={state.result.columns}
          rows={state.result.rows}
          raw={state.result.raw}
          facts={
            <>
              {state.result.summary && <p className="result-summary">{state.result.summary}</p>}
              <p className="muted">
                {state.result.requests} request{state.result.requests === 1 ? '' : 's'} · {formatDuration(state.result.durationMs)} · as{' '}
                {account}
                {state.result.refreshed && (
                  <>
                    {' '}
                    <span className="badge tone-ok">access renewed on the way</span>
                  </>
                )}
              </p>
            </>
          }
        />
      )}
    </section>
  );
}
