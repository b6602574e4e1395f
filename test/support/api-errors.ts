// Error bodies in each provider's own shape (docs/providers.md), so the core's error mapping is tested
// against what Google and Spotify really send.

export type PeerKind = 'google' | 'spotify';

const GOOGLE_STATUS: Record<number, [string, string]> = {
  400: ['INVALID_ARGUMENT', 'Request contains an invalid argument.'],
  401: [
    'UNAUTHENTICATED',
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
  ],
  403: ['PERMISSION_DENIED', 'Request had insufficient authentication scopes.'],
  404: ['NOT_FOUND', 'Requested entity was not found.'],
  429: ['RESOURCE_EXHAUSTED', "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user'."],
  500: ['INTERNAL', 'Internal error encountered.'],
  502: ['UNAVAILABLE', 'Bad Gateway'],
  503: ['UNAVAILABLE', 'The service is currently unavailable.'],
};

const SPOTIFY_MESSAGE: Record<number, string> = {
  400: 'Bad request',
  401: 'Invalid access token',
  403: 'Forbidden',
  404: 'Service not found',
  429: 'API rate limit exceeded',
  500: 'Server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
};

/** The body a provider's API sends with this status. */
export function apiErrorBody(kind: PeerKind, status: number, message?: string): unknown {
  if (kind === 'google') {
    const [statusName, defaultMessage] = GOOGLE_STATUS[status] ?? ['UNKNOWN', 'Unknown error.'];
    return { error: { code: status, message: message ?? defaultMessage, status: statusName } };
  }
  return { error: { status, message: message ?? SPOTIFY_MESSAGE[status] ?? 'Unknown error' } };
}

/** Google's 403 for a token without the API's scope. */
export function insufficientScopeBody(kind: PeerKind): unknown {
  if (kind === 'spotify') return apiErrorBody('spotify', 403, 'Insufficient client scope');
  return {
    error: {
      code: 403,
      message: 'Request had insufficient authentication scopes.',
      errors: [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }],
      status: 'PERMISSION_DENIED',
    },
  };
}

export type TokenProblem = 'missing' | 'invalid' | 'expired';

/** The 401 each API answers for a missing, unknown or expired bearer token. */
export function unauthorized(kind: PeerKind, problem: TokenProblem): { body: unknown; headers: Record<string, string> } {
  if (kind === 'google') {
    return {
      body: apiErrorBody('google', 401),
      headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
    };
  }
  const message = problem === 'expired' ? 'The access token expired' : problem === 'missing' ? 'No token provided' : 'Invalid access token';
  return {
    body: apiErrorBody('spotify', 401, message),
    headers: { 'www-authenticate': `Bearer realm="spotify", error="invalid_token", error_description="${message}"` },
  };
}
