// The log: rotated by size, and no token, code or secret ever reaches the file.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOG_FILE, createLogger, redact } from '../../src-main/shell/logger';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'junction-log-'));
  dirs.push(dir);
  return dir;
}

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';

describe('redact', () => {
  it.each([
    ['junction://oauth/callback?code=4/0AbCdEf&state=xyz', ['4/0AbCdEf']],
    ['grant_type=refresh_token&refresh_token=1//0gSecretSecretSecret&client_id=abc', ['1//0gSecretSecretSecret']],
    ['{"access_token":"ya29.a0AfB_byC","token_type":"Bearer"}', ['ya29.a0AfB_byC']],
    ['Authorization: Bearer BQDx-spotify-token_123', ['BQDx-spotify-token_123']],
    ['client_secret=GOCSPX-abcdef&code_verifier=verifierverifier', ['GOCSPX-abcdef', 'verifierverifier']],
    [`id token ${JWT} seen`, ['eyJhbGciOiJSUzI1NiJ9']],
    ['{"refreshToken": "r-123", "clientSecret":"s-456"}', ['r-123', 's-456']],
    ['Basic dXNlcjpwYXNz', ['dXNlcjpwYXNz']],
    // Shapes the first version missed.
    ["{ access_token: 'opaque-at-1', expires_in: 3599 }", ['opaque-at-1']],
    ["{ refresh_token: 'opaque-rt-2', scope: 'openid' }", ['opaque-rt-2']],
    ['{ accessToken: "opaque-at-3" }', ['opaque-at-3']],
    ["{ 'x-goog-api-key': 'opaque-goog-4', accept: 'application/json' }", ['opaque-goog-4']],
    ["headers: { authorization: 'Bearer opaque-auth-5' }", ['opaque-auth-5']],
    ['{"refresh_token":"opaque-rt-6","expires_in":3599}', ['opaque-rt-6']],
    ['{"id_token": "opaque-id-7"}', ['opaque-id-7']],
    ['sent bearer:opaque-bearer-8 upstream', ['opaque-bearer-8']],
    ['sent Bearer: opaque-bearer-9', ['opaque-bearer-9']],
    ['bearer opaque-bearer-10', ['opaque-bearer-10']],
    ['next=https%3A%2F%2Fx%2Fcb%3Faccess_token%3Dopaque-pct-11%26token_type%3DBearer', ['opaque-pct-11']],
    ['%7B%22refresh_token%22%3A%22opaque-pctjson-12%22%7D', ['opaque-pctjson-12']],
    ['x-api-key: opaque-apikey-13', ['opaque-apikey-13']],
    ['X-Goog-Api-Key: AIzaSyD-opaque-goog-14-0123456789abcdef', ['opaque-goog-14']],
    ['api_key=opaque-key-15&alt=json', ['opaque-key-15']],
    ['POST body client_secret=opaque-cs-16&grant_type=authorization_code', ['opaque-cs-16']],
    ['redirected to http://127.0.0.1:53682/?code=opaque-code-17&state=s', ['opaque-code-17']],
    ['token ya29.a0opaque-18_xyz expired', ['ya29.a0opaque-18_xyz']],
    ['refresh 1//0gopaque-19-refresh failed', ['1//0gopaque-19-refresh']],
    [`{"id_token":"${JWT}"}`, [JWT]],
    ['fetch https://ada:opaque-pass-20@api.example/x failed', ['opaque-pass-20']],
    ['Cookie: SID=opaque-cookie-21; lang=en', ['opaque-cookie-21']],
    ["{ password: 'opaque-pw-22' }", ['opaque-pw-22']],
    ['session=opaque-session-23', ['opaque-session-23']],
    ['"client_secret" : "GOCSPX-opaque-24"', ['GOCSPX-opaque-24']],
    ['{ signature: "opaque-sig-25" }', ['opaque-sig-25']],
    ["{ url: 'https://x.example/cb?code=opaque-code-26&state=s' }", ['opaque-code-26']],
    [
      'Error: request to https://oauth2.googleapis.com/token failed, body: grant_type=refresh_token&refresh_token=opaque-rt-27',
      ['opaque-rt-27'],
    ],
    // Nested deeper than the fields are searched, and a credential name split by a separator.
    ['GET /m?q=a=b=c=access_token=opaque-deep-28', ['opaque-deep-28']],
    ['GET /m?q=a=b=c=d=e=refresh_token=opaque-deep-29', ['opaque-deep-29']],
    ['a:b:c:d:access_token:opaque-deep-33', ['opaque-deep-33']],
    ['pass_word=opaque-pw-30', ['opaque-pw-30']],
    ['pass-word: opaque-pw-31', ['opaque-pw-31']],
    ['{"Pass.Word": "opaque-pw-32"}', ['opaque-pw-32']],
  ])('removes the credential from %s', (line, secrets) => {
    const cleaned = redact(line);
    for (const secret of secrets) expect(cleaned).not.toContain(secret);
    expect(cleaned).toContain('[redacted]');
  });

  it.each([
    'Secret storage: gnome_libsecret (secure).',
    'Secret storage: basic_text (not secure: the person is asked to accept it before a token is stored).',
    'Junction is ready.',
    "Refused connections.list from a frame that is not Junction's own page.",
    "Start-up failed: EACCES: permission denied, mkdir '/home/ada/.config/Junction'",
    'Unexpected failure on api.request: TypeError: fetch failed',
    'A sign-in link matched no pending flow.',
    '{"expires_in":3599,"scope":"openid email"}',
  ])('leaves ordinary text alone: %s', (line) => {
    expect(redact(line)).toBe(line);
  });
});

describe('createLogger', () => {
  it('writes redacted single lines under the log folder', () => {
    const dir = join(tempDir(), 'logs');
    const log = createLogger({ dir, now: () => new Date('2026-01-01T00:00:00Z') });
    log.error('token refresh failed\nbody: {"refresh_token":"1//abcdefghijkl"}');
    const text = readFileSync(join(dir, LOG_FILE), 'utf8');
    expect(text).toBe('2026-01-01T00:00:00.000Z ERROR token refresh failed body: {"refresh_token":"[redacted]"}\n');
    expect(log.dir).toBe(dir);
  });

  it('rotates by size and keeps a bounded number of files', () => {
    const dir = tempDir();
    const log = createLogger({ dir, maxBytes: 200, keep: 2 });
    for (let i = 0; i < 40; i += 1) log.info(`line ${i} ${'x'.repeat(40)}`);
    const files = readdirSync(dir).sort();
    expect(files).toEqual([LOG_FILE, `${LOG_FILE}.1`, `${LOG_FILE}.2`]);
    expect(existsSync(join(dir, `${LOG_FILE}.3`))).toBe(false);
    expect(readFileSync(join(dir, LOG_FILE), 'utf8')).toContain('line 39');
  });
});
