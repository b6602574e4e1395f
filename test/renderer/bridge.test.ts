// Without the preload's bridge nothing can work, and that is Junction's fault, never the person's:
// the call rejects with code `internal`, saying it is a bug and where the log is.
import { afterEach, describe, expect, it } from 'vitest';
import { errorCode, errorMessage } from '../../src-renderer/api/errors';
import { createClient } from '../../src-renderer/api/client';

afterEach(() => {
  delete window.junction;
});

describe('a missing bridge', () => {
  it('rejects every call as internal, naming the log', async () => {
    delete window.junction;
    const client = createClient();
    // A client call rejects (it never throws synchronously), so callers' catch handlers see it.
    const error: unknown = await client['services.list']().catch((reason: unknown) => reason);
    expect(errorCode(error)).toBe('internal');
    expect(errorMessage(error)).toMatch(/Junction hit a bug/);
    expect(errorMessage(error)).toMatch(/Open Logs Folder/);
  });

  it('uses the bridge once the preload has put it there', async () => {
    window.junction = { invoke: async (channel) => [channel], onEvent: () => () => undefined };
    await expect(createClient()['services.list']()).resolves.toEqual(['services.list']);
  });
});
