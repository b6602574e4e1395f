// An HTTP proxy in front of a peer's endpoints that can let the provider do its work and then
// keep the answer from the app: "the provider issued a new refresh token (or revoked the grant)
// and the app never heard", the moment a crash test kills the app.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback, readBody } from './http-utils';

export interface ProviderAnswer {
  status: number;
  body: string;
}

export interface HoldingProxy {
  /** http://127.0.0.1:<port>; paths map one to one onto the upstream origin. */
  readonly origin: string;
  /** The next request to `path` reaches the provider; its answer is kept and the client waits forever. */
  holdNext(path: string): Promise<ProviderAnswer>;
  /** Resolves once the answer to the next request to `path` has been handed to the client. */
  deliveredNext(path: string): Promise<ProviderAnswer>;
  close(): Promise<void>;
}

export async function startHoldingProxy(upstream: string): Promise<HoldingProxy> {
  const holds = new Map<string, (answer: ProviderAnswer) => void>();
  const deliveries = new Map<string, (answer: ProviderAnswer) => void>();

  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://proxy').pathname;
    const body = await readBody(req);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) headers.set(name, value);
    }
    const response = await fetch(`${upstream}${req.url ?? '/'}`, {
      method: req.method ?? 'GET',
      headers,
      ...(body.length ? { body } : {}),
      redirect: 'manual',
    });
    const answer: ProviderAnswer = { status: response.status, body: await response.text() };
    const hold = holds.get(path);
    if (hold) {
      holds.delete(path);
      hold(answer);
      return; // never answered: the socket stays open until the client dies
    }
    const outHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) outHeaders[name] = value;
    });
    res.writeHead(answer.status, { ...outHeaders, 'content-length': String(Buffer.byteLength(answer.body)) });
    const delivered = deliveries.get(path);
    deliveries.delete(path);
    res.end(answer.body, () => delivered?.(answer));
  }

  const server = createServer((req, res) => {
    forward(req, res).catch(() => res.destroy());
  });
  const origin = await listenOnLoopback(server);
  return {
    origin,
    holdNext: (path) => new Promise((resolve) => holds.set(path, resolve)),
    deliveredNext: (path) => new Promise((resolve) => deliveries.set(path, resolve)),
    close: () => closeServer(server),
  };
}
