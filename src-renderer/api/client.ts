// The typed client: one function per channel of the contract, payload and result types taken
// from src-main/core/ipc/contract.ts. Only types are imported from there, so zod stays out of the
// renderer bundle; `satisfies Record<Channel, true>` makes the compiler list every channel.
import type { Channel, ChannelInput, ChannelResults } from '../../src-main/core/ipc/contract';
import { getBridge, type JunctionBridge } from './bridge';

type ChannelFunction<C extends Channel> = undefined extends ChannelInput<C>
  ? (payload?: ChannelInput<C>) => Promise<ChannelResults[C]>
  : (payload: ChannelInput<C>) => Promise<ChannelResults[C]>;

export type JunctionClient = { [C in Channel]: ChannelFunction<C> };

const CHANNEL_NAMES = {
  'app.info': true,
  'settings.acceptInsecureStorage': true,
  'services.list': true,
  'settings.getProviders': true,
  'settings.setProvider': true,
  'oauth.start': true,
  'oauth.wait': true,
  'oauth.cancel': true,
  'connections.list': true,
  'connections.get': true,
  'connections.delete': true,
  'api.request': true,
  'api.cancel': true,
  'actions.list': true,
  'actions.run': true,
  'api.paginate': true,
} as const satisfies Record<Channel, true>;

export const CHANNEL_LIST = Object.keys(CHANNEL_NAMES) as Channel[];

/** Builds the client over a bridge; the bridge is looked up on every call when none is given. */
export function createClient(bridge?: JunctionBridge): JunctionClient {
  const entries = CHANNEL_LIST.map((name) => [
    name,
    (payload?: unknown) => (bridge ?? getBridge()).invoke(name, payload ?? {}),
  ]);
  return Object.fromEntries(entries) as JunctionClient;
}

let current: JunctionClient = createClient();

/** The client the stores use. */
export function api(): JunctionClient {
  return current;
}

/** Tests swap in a fake; the app never calls this. */
export function setClient(client: JunctionClient): void {
  current = client;
}
