// Request headers the core sets itself and never takes from a caller: credentials, the
// connection and the framing. The proxy refuses them, the local API drops them, and Copy as curl
// leaves them out — one list, so the three agree.
export const CORE_OWNED_HEADERS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
];
