import * as oauth from 'oauth4webapi';
import { CoreError } from '../errors';
import { networkReason } from '../net';

export type Stage = 'sign-in' | 'token exchange' | 'refresh' | 'revocation' | 'identity';

function describe(error: string, description: unknown): string {
  return typeof description === 'string' && description ? `${description} (${error})` : error;
}

/** Turns whatever oauth4webapi or fetch threw into the core's one coded error. */
export function toCoreError(error: unknown, providerName: string, stage: Stage, host?: string): CoreError {
  if (error instanceof CoreError) return error;
  if (error instanceof oauth.AuthorizationResponseError) {
    if (error.error === 'access_denied') {
      return new CoreError(
        'access_denied',
        `Access was declined at ${providerName}: ${describe(error.error, error.error_description)}. Connect again and choose Allow to continue.`,
      );
    }
    return new CoreError('provider_error', `${providerName} refused the sign-in: ${describe(error.error, error.error_description)}.`);
  }
  if (error instanceof oauth.ResponseBodyError) {
    if (error.error === 'invalid_grant' && stage === 'refresh') {
      return new CoreError(
        'reauth_required',
        `${providerName} no longer accepts this sign-in (it expired or was revoked). Reconnect the account to keep using it.`,
      );
    }
    if (error.error === 'invalid_client' || error.error === 'unauthorized_client') {
      return new CoreError(
        'provider_error',
        `${providerName} rejected Junction's client credentials: ${describe(error.error, error.error_description)}. Check the client ID${
          providerName === 'Google' ? ' and secret' : ''
        } in Settings.`,
      );
    }
    return new CoreError('provider_error', `${providerName} refused the ${stage}: ${describe(error.error, error.error_description)}.`);
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    return new CoreError(
      'provider_error',
      `${providerName} rejected Junction's client credentials (HTTP ${error.status}). Check them in Settings.`,
    );
  }
  if (error instanceof DOMException || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))) {
    const name = (error as Error).name;
    if (name === 'TimeoutError') {
      return new CoreError('timeout', `${providerName} did not answer the ${stage} in time. Try again in a moment.`);
    }
    if (name === 'AbortError') return new CoreError('cancelled', `The ${stage} was cancelled.`);
  }
  if (error instanceof oauth.OperationProcessingError) {
    if (/"iss"/.test(error.message)) {
      return new CoreError(
        'state_mismatch',
        `The sign-in answer did not come from ${providerName} (issuer mismatch), so Junction discarded it. Start the connection again.`,
      );
    }
    // The answer was cut off while its body was read: the network failed, the answer was not bad.
    if (error.cause instanceof TypeError) {
      return new CoreError(
        'network_error',
        `The connection to ${providerName}${host ? ` (${host})` : ''} broke off during the ${stage}. Check your internet connection and try again.`,
      );
    }
    const cause = error.cause as { status?: unknown } | undefined;
    const httpStatus = cause && typeof cause === 'object' && typeof cause.status === 'number' ? cause.status : undefined;
    if (httpStatus !== undefined && httpStatus >= 500) {
      return new CoreError(
        'provider_error',
        `${providerName} had a problem answering the ${stage} (HTTP ${httpStatus}). Try again in a moment.`,
      );
    }
    const status = httpStatus !== undefined ? ` (HTTP ${httpStatus})` : '';
    return new CoreError(
      'provider_error',
      `${providerName} answered the ${stage} with something Junction could not use${status}: ${error.message}. Try again later.`,
    );
  }
  if (error instanceof TypeError) {
    const why = networkReason(error);
    return new CoreError(
      'network_error',
      `Junction could not reach ${providerName}${host ? ` (${host})` : ''}${why ? `: ${why}` : ''}. Check your internet connection and try again.`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CoreError('provider_error', `The ${stage} with ${providerName} failed: ${message}.`);
}
