/** Loopback literals only: RFC 8252 §8.3 prefers them to "localhost", which may resolve elsewhere. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === '::1' || /^127(\.\d{1,3}){3}$/.test(host) || host === 'localhost';
}

/** https anywhere; plain http only to a loopback address (tests, a local gateway). */
export function isSecureOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

export function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
