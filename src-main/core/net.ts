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

/** The system error code of a failed request: on the error itself (undici) or under fetch's "fetch failed". */
export function networkCode(error: unknown): string | undefined {
  const failure = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = typeof failure?.code === 'string' ? failure.code : failure?.cause?.code;
  return typeof code === 'string' && code ? code : undefined;
}

/** A failed request's cause in words. */
export function networkReason(error: unknown): string | undefined {
  const code = networkCode(error);
  switch (code) {
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name was not found';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was reset';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'the connection timed out';
    default:
      return undefined;
  }
}

/**
 * zlib's codes for a body it could not decompress: Z_DATA_ERROR and Z_BUF_ERROR (gzip, deflate),
 * ERR__ERROR_FORMAT_… (brotli), ZSTD_error_… (zstd).
 */
export function isDecompressionError(error: unknown): boolean {
  const code = networkCode(error);
  return code !== undefined && /^(Z_[A-Z_]+|ERR__ERROR_\w+|ZSTD_error_\w+)$/.test(code);
}

/** A string with something in it, or undefined: for optional fields of provider answers. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
