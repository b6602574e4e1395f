import { describe, expect, it } from 'vitest';
import { errorFromStatus } from '../../src-main/core/actions/provider-errors';
import { PROVIDERS } from '../../src-main/core/providers/registry';

describe("provider errors use the provider's own reading of known answers", () => {
  it("explains Spotify's development-mode 403 and its quota 429, and nothing of the kind for Google", () => {
    const forbidden = errorFromStatus(403, { error: { status: 403, message: 'Forbidden' } }, 'Spotify', PROVIDERS.spotify);
    expect(forbidden.code).toBe('access_denied');
    expect(forbidden.message).toContain('Spotify said: Forbidden');
    expect(forbidden.message).toContain('User Management');

    const quota = errorFromStatus(
      429,
      JSON.stringify({ error: { status: 429, message: 'Too many', reason: 'QUOTA_EXCEEDED' } }),
      'Spotify',
      PROVIDERS.spotify,
    );
    expect(quota.message).toMatch(/used up its quota/);

    const google = errorFromStatus(
      403,
      { error: { code: 403, message: 'Forbidden', status: 'PERMISSION_DENIED' } },
      'Drive',
      PROVIDERS.google,
    );
    expect(google.message).toBe('Drive refused this request. Drive said: Forbidden');
    const rate = errorFromStatus(429, { error: { code: 429, message: 'Slow down' } }, 'Gmail', PROVIDERS.google);
    expect(rate.message).toMatch(/rate-limiting this account/);
  });
});
