import { CoreError } from '../errors';
import { isDecompressionError, networkCode, networkReason } from '../net';

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Waits for `work` unless `signal` fires first. A refresh is shared by every request of its
 * connection, so one request giving up must not cancel it, only stop waiting for it.
 */
export function unlessAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function transportError(error: unknown, url: URL, reading: boolean): CoreError {
  if (error instanceof CoreError) return error;
  if (reading && isDecompressionError(error)) {
    return new CoreError(
      'network_error',
      `${url.host} sent a compressed answer that could not be unpacked (${networkCode(error)}). Try again; if it keeps happening, send the header "Accept-Encoding: identity" to ask for it uncompressed.`,
    );
  }
  const why = networkReason(error) ?? networkCode(error) ?? 'the network failed';
  return new CoreError(
    'network_error',
    reading
      ? `The connection to ${url.host} broke off while reading the answer (${why}). Try again.`
      : `Junction could not reach ${url.host} (${why}). Check your internet connection and try again.`,
  );
}
