// The compile cache is turned on in the profile (never the shared temp directory), and an old
// Node without it, a refusal or a throw only costs speed: the start goes on.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { COMPILE_CACHE_DIR, enableCompileCache } from '../../src-main/shell/compile-cache';

const constants = { compileCacheStatus: { FAILED: 0 } };

describe('enableCompileCache', () => {
  it('puts the cache under the profile', () => {
    const api = { enableCompileCache: vi.fn(() => ({ status: 1 })), constants };
    const warn = vi.fn();
    enableCompileCache('/home/ada/.config/Junction', warn, api);
    expect(api.enableCompileCache).toHaveBeenCalledWith(join('/home/ada/.config/Junction', COMPILE_CACHE_DIR));
    expect(warn).not.toHaveBeenCalled();
  });

  it('warns when Node refuses or throws, and does nothing on a Node without it', () => {
    const warn = vi.fn();
    enableCompileCache('/p', warn, { enableCompileCache: () => ({ status: 0, message: 'read-only' }), constants });
    enableCompileCache('/p', warn, {
      enableCompileCache: () => {
        throw new Error('boom');
      },
      constants,
    });
    enableCompileCache('/p', warn, {});
    expect(warn.mock.calls).toEqual([['No compile cache: read-only.'], ['No compile cache: boom.']]);
  });
});
