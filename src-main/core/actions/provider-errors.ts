// Turns what a typed client throws into the core's one error class, with a message that says what
// to do next. Clients see provider answers as HTTP errors (gaxios' GaxiosError, our Spotify
// validator) and core failures as the CoreError our fetch adapter threw, wrapped in their own.
import { CoreError, isCoreError } from '../errors';
import type { ProviderDefinition } from '../providers/types';

/** The provider's own reading of a known error answer (Spotify's development mode, its quota). */
type Explainer = Pick<ProviderDefinition, 'explainApiError'>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The human part of Google's (`{error:{code,message,errors,status}}`) and Spotify's (`{error:{status,message,reason}}`) error bodies. */
export function providerErrorDetail(body: unknown): { message?: string; reason?: string } {
  const parsed = typeof body === 'string' ? safeParse(body) : body;
  if (!isRecord(parsed)) return {};
  const error = parsed.error;
  if (typeof error === 'string') {
    return { message: typeof parsed.error_description === 'string' ? parsed.error_description : error };
  }
  if (!isRecord(error)) return {};
  const message = typeof error.message === 'string' ? error.message : undefined;
  const first = Array.isArray(error.errors) ? error.errors.find(isRecord) : undefined;
  const reason =
    typeof error.reason === 'string'
      ? error.reason
      : typeof first?.reason === 'string'
        ? first.reason
        : typeof error.status === 'string'
          ? error.status
          : undefined;
  return { message, reason };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A provider's non-2xx answer as a CoreError. `service` is a display name ("Gmail", "Spotify"). */
export function errorFromStatus(status: number, body: unknown, service: string, provider?: Explainer): CoreError {
  const { message, reason } = providerErrorDetail(body);
  const said = message ? ` ${service} said: ${message}` : '';
  const hint = provider?.explainApiError?.(status, typeof body === 'string' ? safeParse(body) : body);
  if (status === 401) {
    return new CoreError('access_denied', `${service} refused this connection's token even after a refresh.${said} Reconnect the account.`);
  }
  if (status === 403) {
    if (reason === 'PREMIUM_REQUIRED') return new CoreError('access_denied', `This needs Spotify Premium.${said}`);
    if (reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded') {
      return new CoreError('provider_error', `${service} is rate-limiting this account. Wait a minute and try again.${said}`);
    }
    if (reason === 'insufficientPermissions' || reason === 'ACCESS_TOKEN_SCOPE_INSUFFICIENT') {
      return new CoreError('access_denied', `The connection lacks a permission this needs.${said} Reconnect with the scope allowed.`);
    }
    return new CoreError('access_denied', `${service} refused this request.${said}${hint ? ` ${hint}` : ''}`);
  }
  if (status === 404) {
    if (reason === 'NO_ACTIVE_DEVICE')
      return new CoreError('not_found', 'No Spotify device is active. Start playing on a phone or computer first.');
    return new CoreError('not_found', `${service} found nothing there.${said}`);
  }
  if (status === 429) {
    return new CoreError('provider_error', `${hint ?? `${service} is rate-limiting this account. Wait a minute and try again.`}${said}`);
  }
  if (status === 400) return new CoreError('invalid_input', `${service} rejected the request.${said}`);
  // Waiting helps a server error; a 4xx such as 413 or 431 (request too large) fails the same way again.
  const advice = status >= 500 ? ' Try again later.' : ' Check the address, its parameters and headers, then try again.';
  return new CoreError('provider_error', `${service} answered ${status}.${said || advice}`);
}

/** The CoreError we threw inside the adapter, however deep a client wrapped it. */
function findCoreError(error: unknown): CoreError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined; depth += 1) {
    if (isCoreError(current)) return current;
    current = current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}

/** Anything a client threw, as a CoreError. */
export function toCoreError(error: unknown, service: string, provider?: Explainer): CoreError {
  const core = findCoreError(error);
  if (core) return core;
  // GaxiosError, duck-typed: gaxios is the Google packages' dependency, not ours to import.
  if (isRecord(error) && isRecord(error.response) && typeof error.response.status === 'number') {
    return errorFromStatus(error.response.status, error.response.data, service, provider);
  }
  const message = error instanceof Error ? error.message : String(error);
  // Not an answer from the provider: the client library threw on its own, which is Junction's bug.
  return new CoreError(
    'internal',
    `Junction hit a bug in the ${service} client (${message}). Try again; if it keeps happening, the log (Help → Open Logs Folder) has details.`,
    { cause: error },
  );
}
