// The preload's bridge factory: exactly the contract's channels, envelopes back into coded errors.
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../src-shared/channels';
import type { CoreEvent } from '../../src-shared/types';
import { BridgeError, createBridge, isEnvelope, unwrapEnvelope } from '../../src-preload/bridge';

describe('createBridge', () => {
  it('passes every contract channel to the transport and resolves with the data', async () => {
    const transport = vi.fn(async (channel: string, _payload: unknown) => ({ ok: true, data: { echoed: channel } }));
    const bridge = createBridge(transport);
    for (const channel of CHANNELS) {
      await expect(bridge.invoke(channel, { a: 1 })).resolves.toEqual({ echoed: channel });
    }
    expect(transport).toHaveBeenCalledTimes(CHANNELS.length);
  });

  it('sends {} when the payload is left out', async () => {
    const transport = vi.fn(async (_channel: string, _payload: unknown) => ({ ok: true, data: [] }));
    await createBridge(transport).invoke('connections.list');
    expect(transport).toHaveBeenCalledWith('connections.list', {});
  });

  it.each(['', 'nope', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'connections.list ', 'ipc.raw', 'junction:event'])(
    'rejects %j with unknown_channel and never calls the transport',
    async (channel) => {
      const transport = vi.fn(async () => ({ ok: true, data: null }));
      const error = await createBridge(transport)
        .invoke(channel)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BridgeError);
      expect(error).toMatchObject({ code: 'unknown_channel' });
      expect(transport).not.toHaveBeenCalled();
    },
  );

  it('rejects non-string channel names', async () => {
    const bridge = createBridge(async () => ({ ok: true, data: null }));
    await expect(bridge.invoke(42 as unknown as string)).rejects.toMatchObject({ code: 'unknown_channel' });
  });

  it('turns an error envelope into a BridgeError with its code and message', async () => {
    const bridge = createBridge(async () => ({ ok: false, error: { code: 'reauth_required', message: 'Reconnect Gmail.' } }));
    const error = await bridge.invoke('api.request', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'BridgeError', code: 'reauth_required', message: 'Reconnect Gmail.' });
  });

  it("carries an error envelope's missingScopes on the BridgeError, for Grant access", async () => {
    const missingScopes = ['https://www.googleapis.com/auth/gmail.send'];
    const bridge = createBridge(async () => ({ ok: false, error: { code: 'access_denied', message: 'Needs send.', missingScopes } }));
    const error = await bridge.invoke('actions.run', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'BridgeError', code: 'access_denied', missingScopes });
    const plain = await createBridge(async () => ({ ok: false, error: { code: 'timeout', message: 'Slow.' } }))
      .invoke('services.list')
      .catch((e: unknown) => e);
    expect(plain).not.toHaveProperty('missingScopes');
  });

  it.each([
    null,
    undefined,
    'ok',
    { ok: true },
    { ok: false },
    { ok: false, error: { code: 'made_up', message: 'x' } },
    { ok: false, error: { code: 'timeout' } },
    { ok: 'yes', data: 1 },
  ])('treats the malformed envelope %j as an error, not as data', async (answer) => {
    const bridge = createBridge(async () => answer);
    await expect(bridge.invoke('services.list')).rejects.toMatchObject({ code: 'internal' });
  });

  it('lets a transport failure (e.g. no handler) reject as it is', async () => {
    const bridge = createBridge(async () => {
      throw new Error('No handler registered');
    });
    await expect(bridge.invoke('services.list')).rejects.toThrow('No handler registered');
  });

  it('subscribes and unsubscribes event listeners through the given source', () => {
    const listeners = new Set<(event: CoreEvent) => void>();
    const bridge = createBridge(
      async () => ({ ok: true, data: null }),
      (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    );
    const seen: CoreEvent[] = [];
    const stop = bridge.onEvent((event) => seen.push(event));
    for (const listener of listeners) listener({ type: 'connections.changed' });
    stop();
    expect(listeners.size).toBe(0);
    expect(seen).toEqual([{ type: 'connections.changed' }]);
    expect(() => bridge.onEvent('nope' as unknown as () => void)).toThrow(TypeError);
  });

  it('is frozen: the page cannot swap its functions', () => {
    const bridge = createBridge(async () => ({ ok: true, data: null }));
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent']);
  });
});

describe('envelopes', () => {
  it('recognises both shapes', () => {
    expect(isEnvelope({ ok: true, data: undefined })).toBe(true);
    expect(isEnvelope({ ok: false, error: { code: 'not_found', message: 'gone' } })).toBe(true);
    expect(unwrapEnvelope({ ok: true, data: 3 })).toBe(3);
  });
});
