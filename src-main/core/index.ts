// Placeholder until the core lands (issue 2): the shape is fixed by ../shared/CONTRACT.md.
import type { Core, CoreOptions } from './options';

export type { Core, CoreOptions, Cipher, ProviderOverride } from './options';
export * from './types';

export async function createCore(_options: CoreOptions): Promise<Core> {
  throw new Error('not implemented yet');
}
