import type { ServerResponse } from 'node:http';
import { sleep } from './http-utils';

/**
 * How one request misbehaves. With neither `status`, `hang` nor `resetSocket`, the request is
 * only delayed by `delayMs` and then answered normally.
 */
export interface Fault {
  status?: number;
  /** A string is sent as is (so malformed JSON is possible); anything else as JSON. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Never answer; the socket stays open until the client gives up or the peer closes. */
  hang?: boolean;
  /** Send the status line and part of the body, then destroy the socket. */
  resetSocket?: boolean;
}

/** Scripted faults for one endpoint, consumed one per request. */
export class FaultQueue {
  private readonly queue: Fault[] = [];

  /** The next `count` requests misbehave as `fault` says. */
  next(count: number, fault: Fault): void {
    for (let i = 0; i < count; i += 1) this.queue.push(fault);
  }

  /** Scripts a sequence of different faults. */
  sequence(faults: Fault[]): void {
    this.queue.push(...faults);
  }

  take(): Fault | undefined {
    return this.queue.shift();
  }

  get pending(): number {
    return this.queue.length;
  }

  clear(): void {
    this.queue.length = 0;
  }
}

/** True when the fault only delays: the caller should go on and answer normally. */
export function isDelayOnly(fault: Fault): boolean {
  return fault.status === undefined && !fault.hang && !fault.resetSocket;
}

export function faultBody(fault: Fault, fallback: unknown): { text: string; contentType: string } {
  const value = fault.body === undefined ? fallback : fault.body;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return { text, contentType: fault.contentType ?? 'application/json; charset=utf-8' };
}

/** Plays a fault out on the response. `fallback` is the body when the fault names none. */
export async function playFault(res: ServerResponse, fault: Fault, fallback: unknown, signal?: AbortSignal): Promise<void> {
  if (fault.delayMs) await sleep(fault.delayMs, signal);
  if (signal?.aborted) return;
  if (fault.hang) return;
  const status = fault.status ?? 200;
  const { text, contentType } = faultBody(fault, fallback);
  if (fault.resetSocket) {
    // Promise a longer body than is sent, then cut: the client sees a connection reset mid-body.
    res.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(text) + 64), ...fault.headers });
    res.write(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    await sleep(10);
    res.socket?.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)), ...fault.headers });
  res.end(text);
}
