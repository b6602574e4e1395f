// Type-level tests, checked by `npm run typecheck` and never run: the contract's types are locked
// by the compiler. Each `@ts-expect-error` marks a call that must not compile; if it ever does,
// the unused directive fails the typecheck.
import type { z } from 'zod';
import type { schemas } from '../../src-main/core/ipc/contract';
import type { Core } from '../../src-main/core/options';
import type { ActionResult } from '../../src-shared/actions';
import type { JunctionBridge } from '../../src-shared/bridge';
import type { Channel, ChannelInput, ChannelResult } from '../../src-shared/channels';
import type { ApiResponse, Connection, ErrorCode } from '../../src-shared/types';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const holds = <T extends true>(value: T): T => value;

// Every zod schema accepts exactly what the shared input type allows, both ways.
type Drifted = { [C in Channel]: MutuallyAssignable<z.input<(typeof schemas)[C]>, ChannelInput<C>> extends true ? never : C }[Channel];
holds<[Drifted] extends [never] ? true : false>(true);
// The table has no channel the shared list lacks, and the list none the table lacks.
holds<Equal<keyof typeof schemas, Channel>>(true);

export async function typedInvoke(core: Core): Promise<void> {
  // Results are typed by channel, with no cast.
  holds<Equal<Awaited<ReturnType<typeof core.invoke<'connections.get'>>>, Connection>>(true);
  const response = await core.invoke('api.request', { connectionId: 'id', url: '/users/me/profile' });
  holds<Equal<typeof response, ApiResponse>>(true);
  void response;
  holds<Equal<ChannelResult<'actions.run'>, ActionResult>>(true);
  await core.invoke('services.list', undefined);
  await core.invoke('services.list', {});

  // @ts-expect-error: the id is a string
  await core.invoke('connections.get', { id: 5 });
  // @ts-expect-error: api.request needs a connectionId
  await core.invoke('api.request', { url: '/users/me/profile' });
  // @ts-expect-error: no such method
  await core.invoke('api.request', { connectionId: 'id', url: '/x', method: 'FETCH' });
  // @ts-expect-error: no such field
  await core.invoke('oauth.start', { service: 'spotify', redirect: 'x' });
  // @ts-expect-error: no such service
  await core.invoke('oauth.start', { service: 'github' });
  // @ts-expect-error: no such channel
  await core.invoke('connections.purge', {});
  // @ts-expect-error: a channel without fields takes none
  await core.invoke('services.list', { verbose: true });

  // The untrusted path takes anything and promises nothing.
  holds<Equal<Awaited<ReturnType<Core['invokeUntrusted']>>, unknown>>(true);
}

export function sharedShapes(bridge: JunctionBridge, code: ErrorCode): void {
  holds<Equal<ReturnType<JunctionBridge['invoke']>, Promise<unknown>>>(true);
  // `internal` is a code of its own: Junction's bug, not the provider's.
  const internal: ErrorCode = 'internal';
  // @ts-expect-error: not an error code
  const made: ErrorCode = 'oops';
  void [bridge, code, internal, made];
}
