import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CALLBACK_PAGE_HEADERS, RETURN_URL, callbackPage } from './callback-page';

export const CALLBACK_PATH = '/callback';

/** What the flow answers a callback with: the page to show, and whether the listener is done. */
export interface CallbackAnswer {
  kind: 'success' | 'error' | 'ignored';
  title: string;
  detail: string;
  done: boolean;
}

export type CallbackHandler = (url: URL) => Promise<CallbackAnswer>;

/**
 * A loopback redirect listener for one flow (RFC 8252 §7.3, §8.3): bound to 127.0.0.1 on an
 * ephemeral port, open only while the flow is pending, answering only GET /callback with the
 * right Host header. Tight socket limits, since anything on this machine can connect to it.
 * @see https://www.rfc-editor.org/rfc/rfc8252#section-7.3
 */
export class LoopbackListener {
  private server: Server | null = null;
  private busy = false;
  private closeWhenAnswered = false;
  port = 0;

  constructor(
    private readonly onCallback: CallbackHandler,
    /** The page's Return to Junction link (`<scheme>://open`). */
    private readonly returnUrl: string = RETURN_URL,
  ) {}

  get redirectUri(): string {
    return `http://127.0.0.1:${this.port}${CALLBACK_PATH}`;
  }

  async listen(): Promise<void> {
    const server = createServer(
      {
        maxHeaderSize: 8 * 1024,
        requestTimeout: 10_000,
        headersTimeout: 5_000,
        keepAliveTimeout: 1_000,
        // Node enforces the two timeouts above only when it sweeps its connections, by default
        // every 30 s: a client that never finished its headers held a socket for up to 35 s.
        connectionsCheckingInterval: 500,
      },
      (req, res) => void this.handle(req, res),
    );
    server.maxRequestsPerSocket = 4;
    // No body is ever read here: answer `Expect: 100-continue` with the final status, rather than
    // Node's automatic "100 Continue" inviting the client to upload one.
    server.on('checkContinue', (req, res) => void this.handle(req, res));
    server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  /**
   * Stops accepting and drops every open socket, so nothing lingers after the flow. A callback
   * being answered gets its page first.
   */
  close(): void {
    if (this.busy) {
      this.closeWhenAnswered = true;
      return;
    }
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.close();
    server.closeAllConnections();
  }

  get listening(): boolean {
    return this.server !== null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('Connection', 'close');
    // A page elsewhere could make the browser send requests here; a wrong Host means it isn't ours.
    if (req.headers.host !== `127.0.0.1:${this.port}`) return this.plain(res, 421, 'Misdirected request');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    } catch {
      // `GET // HTTP/1.1` parses as a URL with no host and throws: a rejection nobody awaits.
      return this.plain(res, 400, 'Bad request');
    }
    if (url.pathname !== CALLBACK_PATH) return this.plain(res, 404, 'Not found');
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      return this.plain(res, 405, 'Method not allowed');
    }
    if (this.busy)
      return this.page(res, 409, {
        kind: 'ignored',
        title: 'Already signing in',
        detail: 'Junction is finishing this sign-in.',
        done: false,
      });
    this.busy = true;
    let answer: CallbackAnswer;
    try {
      answer = await this.onCallback(url);
    } catch {
      answer = { kind: 'error', title: 'Sign-in failed', detail: 'Junction could not finish the sign-in.', done: true };
    } finally {
      this.busy = false;
    }
    const status = answer.kind === 'ignored' ? 400 : 200;
    this.page(res, status, answer);
    if (answer.done || this.closeWhenAnswered) res.once('finish', () => this.close());
  }

  private page(res: ServerResponse, status: number, answer: CallbackAnswer): void {
    res.writeHead(status, CALLBACK_PAGE_HEADERS).end(callbackPage(answer.kind, answer.title, answer.detail, this.returnUrl));
  }

  private plain(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(text);
  }
}
