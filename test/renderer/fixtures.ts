// Shapes the core would send, and a fake typed client whose channels the tests answer one by one.
import { vi } from 'vitest';
import { CHANNELS, type Channel, type ChannelInput, type ChannelResults } from '../../src-shared/channels';
import type { Connection, Service } from '../../src-shared/types';
import { setClient, type JunctionClient } from '../../src-renderer/api/client';

export function service(id: Service['id'], patch: Partial<Service> = {}): Service {
  const names: Record<Service['id'], string> = {
    google_gmail: 'Gmail',
    google_calendar: 'Calendar',
    google_drive: 'Drive',
    google_docs: 'Docs',
    spotify: 'Spotify',
  };
  return {
    id,
    provider: id === 'spotify' ? 'spotify' : 'google',
    name: names[id],
    scopes: id === 'spotify' ? ['user-read-email'] : ['openid', 'email'],
    optionalScopes: [],
    apiBaseUrl: id === 'spotify' ? 'https://api.spotify.com/v1' : 'https://gmail.googleapis.com/gmail/v1',
    configured: true,
    testPath: id === 'spotify' ? '/me' : '/users/me/profile',
    docsUrl: 'https://developers.example/docs',
    ...patch,
  };
}

export function connection(patch: Partial<Connection> = {}): Connection {
  return {
    id: '6f9c1c7e-6a43-4c47-9d64-1f0b6f1c2a01',
    service: 'google_gmail',
    provider: 'google',
    account: { id: 'u1', email: 'alice@example.com', displayName: 'Alice' },
    scopes: ['openid', 'email'],
    status: 'connected',
    tokenExpiresAt: Date.now() + 3_600_000,
    lastAuthorizedAt: Date.now(),
    lastRefreshedAt: null,
    health: { state: 'ok', message: 'Connected.' },
    createdAt: Date.now(),
    updatedAt: Date.now(),
    apiBaseUrl: 'https://gmail.googleapis.com/gmail/v1',
    ...patch,
  };
}

type Handler<C extends Channel> = (payload: ChannelInput<C>) => Promise<ChannelResults[C]> | ChannelResults[C];

/**
 * A client where every channel rejects until the test gives it an answer, but `saved.list`, which
 * answers `[]` as a fresh data directory does: the console loads it whenever it opens.
 */
export function fakeClient() {
  const handlers = new Map<Channel, (payload: unknown) => unknown>([['saved.list', () => []]]);
  const calls: { channel: Channel; payload: unknown }[] = [];
  const client = Object.fromEntries(
    CHANNELS.map((name) => [
      name,
      vi.fn(async (payload?: unknown) => {
        calls.push({ channel: name, payload });
        const handler = handlers.get(name);
        if (!handler) throw Object.assign(new Error(`no answer for ${name}`), { code: 'unknown_channel' });
        return handler(payload);
      }),
    ]),
  ) as unknown as JunctionClient;
  setClient(client);
  return {
    client,
    calls,
    on<C extends Channel>(channel: C, handler: Handler<C>) {
      handlers.set(channel, handler as (payload: unknown) => unknown);
    },
  };
}

export function codedError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** A promise the test settles when it chooses: a core call still in flight. */
export function deferred<T>() {
  let resolve: (v: T) => void = () => {};
  let reject: (e: Error) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
