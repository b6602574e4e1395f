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

describe('redact', () => {
  it.each([
    ['junction://oauth/callback?code=4/0AbCdEf&state=xyz', 'code=4/0AbCdEf'],
    ['grant_type=refresh_token&refresh_token=1//0gSecretSecretSecret&client_id=abc', '1//0gSecretSecretSecret'],
    ['{"access_token":"ya29.a0AfB_byC","token_type":"Bearer"}', 'ya29.a0AfB_byC'],
    ['Authorization: Bearer BQDx-spotify-token_123', 'BQDx-spotify-token_123'],
    ['client_secret=GOCSPX-abcdef&code_verifier=verifierverifier', 'GOCSPX-abcdef'],
    ['id token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl seen', 'eyJhbGciOiJSUzI1NiJ9'],
    ['{"refreshToken": "r-123", "clientSecret":"s-456"}', 'r-123'],
    ['Basic dXNlcjpwYXNz', 'dXNlcjpwYXNz'],
  ])('removes the credential from %s', (line, secret) => {
    const cleaned = redact(line);
    expect(cleaned).not.toContain(secret);
    expect(cleaned).toContain('[redacted]');
  });

  it('leaves ordinary text alone', () => {
    expect(redact('Secret storage: gnome_libsecret (secure).')).toBe('Secret storage: gnome_libsecret (secure).');
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
