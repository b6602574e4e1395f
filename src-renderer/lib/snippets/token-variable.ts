// The name every copied snippet reads the token from: an environment (or shell) variable named for
// the provider, never a value. A snippet holds no token, so pasting it anywhere leaks nothing.
import type { ProviderId } from '../../../src-shared/types';

export type TokenVariable = 'GOOGLE_TOKEN' | 'SPOTIFY_TOKEN';

/** Which service a snippet is for: the core's provider id when the window has it, else the service id. */
export interface TokenOwner {
  provider?: ProviderId | undefined;
  id?: string | undefined;
}

export function tokenVariable(owner: TokenOwner): TokenVariable {
  const provider = owner.provider ?? (owner.id === 'spotify' ? 'spotify' : 'google');
  return provider === 'spotify' ? 'SPOTIFY_TOKEN' : 'GOOGLE_TOKEN';
}
