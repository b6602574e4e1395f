import { useEffect, useMemo } from 'react';
import type { ActionDescriptor } from '../../../src-shared/actions';
import type { Connection, Service } from '../../../src-shared/types';
import { useActions } from '../../stores/actions';
import { scopeRows, shortScope, type ScopeKind } from './scope-rows';

const NO_ACTIONS: ActionDescriptor[] = [];

const STATE_WORDS: Record<ScopeKind, [granted: string, notGranted: string]> = {
  asked: ['Granted', 'Asked, not granted'],
  optional: ['Granted', 'Not granted (optional)'],
  extra: ['Granted', 'Not granted'],
  action: ['Granted', 'Not granted'],
};

/** Granted versus asked: each scope in words, whether it was granted, and the quick actions that need it. */
export function ScopeTable({ connection, service }: { connection: Connection; service: Service | undefined }) {
  const actions = useActions((s) => s.descriptors[connection.service] ?? NO_ACTIONS);
  const loaded = useActions((s) => connection.service in s.descriptors);
  const loadActions = useActions((s) => s.loadActions);
  useEffect(() => {
    if (!loaded) void loadActions(connection.service);
  }, [loaded, loadActions, connection.service]);
  const rows = useMemo(() => scopeRows(connection, service, actions), [connection, service, actions]);
  return (
    <table className="scope-table">
      <caption className="sr-only">Access: granted versus asked</caption>
      <thead>
        <tr>
          <th scope="col">Access</th>
          <th scope="col">Scope</th>
          <th scope="col">State</th>
          <th scope="col">Quick actions that need it</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.scope} className={row.granted ? undefined : 'not-granted'}>
            <td>{row.meaning ?? <span className="muted">No description</span>}</td>
            <td>
              <code className="scope" title={row.scope}>
                {shortScope(row.scope)}
              </code>
            </td>
            <td>
              <span className={`badge tone-${row.granted ? 'ok' : row.kind === 'asked' ? 'warn' : 'muted'}`}>
                {STATE_WORDS[row.kind][row.granted ? 0 : 1]}
              </span>
            </td>
            <td>
              {row.actions.length ? (
                <ul className="plain-list">
                  {row.actions.map((title) => (
                    <li key={title}>{title}</li>
                  ))}
                </ul>
              ) : (
                <span className="muted">none</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
