// What the environment may change: client IDs always; test switches only in an unpackaged app.
import { describe, expect, it } from 'vitest';
import { parseTestOverrides, providersFromEnv, readLaunchConfig } from '../../src-main/launch-config';

describe('providersFromEnv', () => {
  it('fills providers from the three variables, ignoring blanks', () => {
    expect(providersFromEnv({ JUNCTION_GOOGLE_CLIENT_ID: ' g ', JUNCTION_GOOGLE_CLIENT_SECRET: '', JUNCTION_SPOTIFY_CLIENT_ID: 's' })).toEqual({ google: { clientId: 'g' }, spotify: { clientId: 's' } });
    expect(providersFromEnv({})).toEqual({});
  });
});

describe('readLaunchConfig', () => {
  const testEnv = {
    JUNCTION_GOOGLE_CLIENT_ID: 'real-id',
    JUNCTION_DATA_DIR: '/tmp/profile',
    JUNCTION_TEST_CIPHER: 'aes-gcm',
    JUNCTION_TEST_NO_BROWSER: '1',
    JUNCTION_TEST_OVERRIDES: JSON.stringify({
      providers: { google: { clientId: 'peer-id', tokenEndpoint: 'http://127.0.0.1:9/token', revocationEndpoint: null } },
      services: { google_gmail: { apiBaseUrl: 'http://127.0.0.1:8/gmail/v1' } },
    }),
  };

  it('ignores every test switch in a packaged app', () => {
    expect(readLaunchConfig(testEnv, { isPackaged: true })).toEqual({ providers: { google: { clientId: 'real-id' } }, services: {}, testCipher: false, suppressBrowser: false, testMode: false });
  });

  it('applies them when unpackaged, test values over env ones', () => {
    expect(readLaunchConfig(testEnv, { isPackaged: false })).toEqual({
      dataDir: '/tmp/profile',
      providers: { google: { clientId: 'peer-id', tokenEndpoint: 'http://127.0.0.1:9/token', revocationEndpoint: null } },
      services: { google_gmail: { apiBaseUrl: 'http://127.0.0.1:8/gmail/v1' } },
      testCipher: true,
      suppressBrowser: true,
      testMode: true,
    });
  });
});

describe('parseTestOverrides', () => {
  it.each([
    ['not json', /valid JSON/],
    ['[]', /object/],
    ['{"providers":{"github":{}}}', /unknown provider/],
    ['{"providers":{"google":{"clientSecretz":"x"}}}', /not a provider option/],
    ['{"providers":{"google":{"clientId":5}}}', /string/],
    ['{"services":{"gmail":{}}}', /unknown service/],
    ['{"services":{"spotify":{"apiBaseUrl":1}}}', /apiBaseUrl/],
  ])('refuses %s', (json, message) => {
    expect(() => parseTestOverrides(json)).toThrow(message);
  });
});
