// The quick-action registry and the `actions.*` / `api.paginate` handlers the channel table calls.
// Every action runs through a typed client whose only transport is the core's own request path.
import { CoreError } from '../errors';
import type { ChannelPayload } from '../ipc/contract';
import type { ServiceId } from '../../../src-shared/types';
import type { ActionContext, RegisteredAction } from './action';
import type { ActionDeps } from './deps';
import { createCoreFetch } from './fetch-adapter';
import { recordCall } from './calls';
import { calendarActions } from './google/calendar';
import { docsActions } from './google/docs';
import { driveActions } from './google/drive';
import { gmailActions } from './google/gmail';
import { PROVIDERS } from '../providers/registry';
import { paginate, walkPages, whileWaiting, type PageSink, type PaginateLimits } from './paginate';
import { toCoreError } from './provider-errors';
import type { ActionCall, ActionDescriptor, ActionResult, PaginateResult } from '../../../src-shared/actions';
import { assertScopes, preferredScope } from './scopes';
import { SERVICE_NAMES } from './sdk-bases';
import { spotifyActions } from './spotify';

export type { ActionDeps } from './deps';
export type { ActionDescriptor, ActionResult, PaginateResult } from '../../../src-shared/actions';

export const ACTIONS: readonly RegisteredAction[] = [
  ...gmailActions,
  ...calendarActions,
  ...driveActions,
  ...docsActions,
  ...spotifyActions,
];

export interface Actions {
  list(service: ServiceId): ActionDescriptor[];
  run(payload: ChannelPayload<'actions.run'>): Promise<ActionResult>;
  paginate(payload: ChannelPayload<'api.paginate'>): Promise<PaginateResult>;
  /** The same pages, handed to `sink` and kept nowhere: no byte limit applies (`api.export`). */
  walkPages(payload: ChannelPayload<'api.paginate'>, sink: PageSink): Promise<PaginateResult>;
}

export function createActions(deps: ActionDeps, limits: PaginateLimits): Actions {
  const byId = new Map(ACTIONS.map((action) => [action.descriptor.id, action]));
  const now = deps.now ?? Date.now;

  return {
    list(service) {
      return ACTIONS.filter((action) => action.descriptor.service === service).map((action) => action.descriptor);
    },

    async run(payload) {
      const action = byId.get(payload.actionId);
      if (!action) throw new CoreError('not_found', `There is no quick action "${payload.actionId}". Pick one from the service's list.`);
      const connection = deps.getConnection(payload.connectionId);
      const { descriptor } = action;
      if (connection.service !== descriptor.service) {
        throw new CoreError(
          'invalid_input',
          `"${descriptor.title}" is a ${SERVICE_NAMES[descriptor.service as ServiceId]} action; this connection is ${SERVICE_NAMES[connection.service]}.`,
        );
      }
      // Before any request: the provider's own 403 would not say which scope to add.
      assertScopes(connection, action.scopes, descriptor.title);

      const tracked = payload.requestId ? deps.track(payload.requestId) : undefined;
      const started = now();
      let requests = 0;
      const calls: ActionCall[] = [];
      let refreshed = false;
      const declaredScopes = action.scopes.map((requirement) => preferredScope(requirement, connection.provider));
      let missingScopes: string[] | undefined;
      const context: ActionContext = {
        connection,
        deps,
        signal: tracked?.signal,
        now,
        fetchFor: (sdkBase) =>
          createCoreFetch({
            deps,
            connection,
            sdkBase,
            declaredScopes,
            ...(tracked ? { signal: tracked.signal } : {}),
            onResponse(response, request) {
              requests += 1;
              recordCall(calls, request, response);
              refreshed ||= response.refreshed;
              missingScopes = response.missingScopes ?? missingScopes;
            },
          }),
      };
      try {
        // With a requestId the window follows the run: a wait for the rate limit is said as for paging.
        const execute = () => action.execute(payload.params, context);
        const output = payload.requestId ? await whileWaiting(deps, connection.id, payload.requestId, 0, 0, execute) : await execute();
        return {
          actionId: descriptor.id,
          service: descriptor.service,
          ...output,
          requests,
          calls,
          refreshed,
          durationMs: Math.max(0, now() - started),
        };
      } catch (error) {
        const coreError = toCoreError(error, SERVICE_NAMES[connection.service], PROVIDERS[connection.provider]);
        // The provider's missing-scope answer: the window offers Grant access with these scopes.
        if (missingScopes && coreError.code === 'access_denied' && !coreError.missingScopes) {
          throw new CoreError(coreError.code, coreError.message, { cause: coreError, missingScopes });
        }
        throw coreError;
      } finally {
        tracked?.release();
      }
    },

    paginate(payload) {
      return paginate(deps, payload, limits);
    },

    walkPages(payload, sink) {
      return walkPages(deps, payload, { ...limits, maxBytes: Number.POSITIVE_INFINITY }, sink);
    },
  };
}
