// The typed client: one function per channel of the contract, names, payload and result types
// taken from src-shared/channels.ts (no zod: the core validates).
import { CHANNELS, type Channel, type ChannelInput, type ChannelResults } from '../../src-shared/channels';
import { getBridge, type JunctionBridge } from './bridge';

type ChannelFunction<C extends Channel> =
  undefined extends ChannelInput<C>
    ? (payload?: ChannelInput<C>) => Promise<ChannelResults[C]>
    : (payload: ChannelInput<C>) => Promise<ChannelResults[C]>;

export type JunctionClient = { [C in Channel]: ChannelFunction<C> };

/** Builds the client over a bridge; the bridge is looked up on every call when none is given. */
export function createClient(bridge?: JunctionBridge): JunctionClient {
  const entries = CHANNELS.map((name) => [name, async (payload?: unknown) => (bridge ?? getBridge()).invoke(name, payload ?? {})]);
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
