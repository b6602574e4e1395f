// A route that needs one scope and, without it, refuses in each shape the real APIs use for a
// missing scope (docs/providers.md), so the core's scope doctor is tested against them all:
//   GET <api base>/test/needs-scope?scope=<scope>&shape=<shape>
// shape: `details` (Google's ErrorInfo reason ACCESS_TOKEN_SCOPE_INSUFFICIENT), `errors` (Google's
// legacy errors[].reason insufficientPermissions), `header` (a bare 403 whose
// `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` alone says it), or `spotify`
// (403 "Insufficient client scope"). `status=401` sends the same refusal as a 401.
import { apiErrorBody, type PeerKind } from './api-errors';
import { API_BASE_PATHS } from './resource-routes';
import type { ResourceServer } from './resource-server';

const G = 'https://www.googleapis.com/auth/';

function googleDetailsBody(): unknown {
  return {
    error: {
      code: 403,
      message: 'Request had insufficient authentication scopes.',
      status: 'PERMISSION_DENIED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
          domain: 'googleapis.com',
          metadata: { service: 'gmail.googleapis.com', method: 'caribou.api.proto.MailboxService.SendMessage' },
        },
      ],
    },
  };
}

function googleErrorsBody(): unknown {
  return {
    error: {
      code: 403,
      message: 'Request had insufficient authentication scopes.',
      errors: [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }],
      status: 'PERMISSION_DENIED',
    },
  };
}

export function installScopeRoutes(api: ResourceServer, kind: PeerKind): void {
  for (const prefix of ['', ...Object.values(API_BASE_PATHS[kind])]) {
    api.route('GET', `${prefix}/test/needs-scope`, ({ query, token }) => {
      const raw = query.get('scope') ?? '';
      const scope = kind === 'google' && !raw.includes(':') && !['openid', 'email', 'profile'].includes(raw) ? G + raw : raw;
      if (token?.scopes.includes(scope)) return { json: { ok: true, scope } };
      const status = query.get('status') === '401' ? 401 : 403;
      switch (query.get('shape')) {
        case 'header':
          return {
            status,
            headers: {
              'www-authenticate': `Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="${scope}"`,
            },
            json: apiErrorBody(kind, 403, 'Forbidden'),
          };
        case 'errors':
          return { status, json: googleErrorsBody() };
        case 'spotify':
          return { status, json: apiErrorBody('spotify', 403, 'Insufficient client scope') };
        default:
          return { status, json: googleDetailsBody() };
      }
    });
  }
}
