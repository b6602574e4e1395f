// Raw TCP clients for the loopback listener: bytes exactly as written, nothing fixed up by an HTTP
// library, so malformed request lines, smuggled headers and slow senders reach the server as is.
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  /** The status code of the first response, or null if none came. */
  status: number | null;
  /** Everything the server sent, as latin1. */
  text: string;
  /** The server closed (or reset) the connection before we gave up. */
  closedByServer: boolean;
  /** Milliseconds from connecting to the end. */
  ms: number;
}

/** Opens a connection; rejects if the port refuses it. */
export function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/**
 * Waits until the server ends the connection, or `giveUpMs` passes (then we close it). Collects
 * what was sent back.
 */
export function collect(socket: Socket, giveUpMs: number, started = Date.now()): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (closedByServer: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: match ? Number(match[1]) : null, text, closedByServer, ms: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false), giveUpMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    // A reset while we were still writing (the server stopped reading): that is the server closing.
    socket.on('error', () => finish(true));
  });
}

/** Sends `bytes` on a fresh connection and collects the answer (writes that hit a closed socket are fine). */
export async function rawRequest(port: number, bytes: string | Buffer, giveUpMs = 3_000): Promise<RawAnswer> {
  const started = Date.now();
  const socket = await openSocket(port);
  const answer = collect(socket, giveUpMs, started);
  socket.write(bytes, () => undefined);
  return answer;
}

/** Whether a TCP connection to `port` is refused now. */
export async function refuses(port: number): Promise<boolean> {
  try {
    const socket = await openSocket(port);
    socket.destroy();
    return false;
  } catch (error) {
    return (error as { code?: string }).code === 'ECONNREFUSED';
  }
}
