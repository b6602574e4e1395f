// What the environment may change: client IDs always, the data directory only in an unpackaged
// app; and the test build's own switches (test/support/test-switches.ts), which the product lacks.
import { describe, expect, it } from 'vitest';
import { mergeProviders, providersFromEnv, readLaunchConfig } from '../../src-main/shell/launch-config';
import { parseTestOverrides, readTestSwitches } from '../support/test-switches';

describe('providersFromEnv', () => {
  it('fills providers from the three variables, ignoring blanks', () => {
    expect(
      providersFromEnv({ JUNCTION_GOOGLE_CLIENT_ID: ' g ', JUNCTION_GOOGLE_CLIENT_SECRET: '', JUNCTION_SPOTIFY_CLIENT_ID: 's' }),
    ).toEqual({ google: { clientId: 'g' }, spotify: { clientId: 's' } });
    expect(providersFromEnv({ JUNCTION_GOOGLE_CLIENT_SECRET: ' sec ' })).toEqual({ google: { clientSecret: 'sec' } });
    expect(providersFromEnv({})).toEqual({});
  });
});

describe('readLaunchConfig', () => {
  const testEnv = {
    JUNCTION_GOOGLE_CLIENT_ID: 'real-id',
    JUNCTION_DATA_DIR: '/tmp/profile',
    JUNCTION_TEST_CIPHER: 'aes-gcm',
    JUNCTION_TEST_NO_BROWSER: '1',
    JUNCTION_TEST_OVERRIDES: JSON.stringify({ providers: { google: { clientId: 'peer-id' } } }),
  };

  it('ignores the data directory in a packaged app', () => {
    expect(readLaunchConfig(testEnv, { isPackaged: true })).toEqual({ providers: { google: { clientId: 'real-id' } } });
  });

  it('moves the profile when unpackaged, and never reads a test switch', () => {
    expect(readLaunchConfig(testEnv, { isPackaged: false })).toEqual({
      dataDir: '/tmp/profile',
      providers: { google: { clientId: 'real-id' } },
    });
  });
});

describe('mergeProviders', () => {
  it('puts overrides over env values field by field', () => {
    expect(
      mergeProviders(
        { google: { clientId: 'real-id', clientSecret: 's' } },
        { google: { clientId: 'peer-id', revocationEndpoint: null }, spotify: { clientId: 'x' } },
      ),
    ).toEqual({
      google: { clientId: 'peer-id', clientSecret: 's', revocationEndpoint: null },
      spotify: { clientId: 'x' },
    });
    expect(mergeProviders({ google: { clientId: 'g' } }, undefined)).toEqual({ google: { clientId: 'g' } });
  });
});

describe('readTestSwitches (test build only)', () => {
  it('reads overrides, the file cipher and no-browser', () => {
    const hooks = readTestSwitches({
      JUNCTION_TEST_CIPHER: 'aes-gcm',
      JUNCTION_TEST_NO_BROWSER: '1',
      JUNCTION_TEST_OVERRIDES: JSON.stringify({
        providers: { google: { clientId: 'peer-id', tokenEndpoint: 'http://127.0.0.1:9/token', revocationEndpoint: null } },
        services: { google_gmail: { apiBaseUrl: 'http://127.0.0.1:8/gmail/v1' } },
      }),
    });
    expect(hooks.providers).toEqual({
      google: { clientId: 'peer-id', tokenEndpoint: 'http://127.0.0.1:9/token', revocationEndpoint: null },
    });
    expect(hooks.services).toEqual({ google_gmail: { apiBaseUrl: 'http://127.0.0.1:8/gmail/v1' } });
    expect(hooks.suppressBrowser).toBe(true);
    expect(typeof hooks.createCipher).toBe('function');
    expect(readTestSwitches({})).toEqual({});
  });
});

describe('parseTestOverrides', () => {
  it.each([
    ['not json', /valid JSON/],
    ['[]', /object/],
    ['{"providers":{"github":{}}}', /github/],
    ['{"providers":{"google":{"clientSecretz":"x"}}}', /clientSecretz/],
    ['{"providers":{"google":{"clientId":5}}}', /string/],
    ['{"services":{"gmail":{}}}', /gmail/],
    ['{"services":{"spotify":{"apiBaseUrl":1}}}', /apiBaseUrl/],
  ])('refuses %s', (json, message) => {
    expect(() => parseTestOverrides(json)).toThrow(message);
  });
});
