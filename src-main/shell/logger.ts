// The shell's log: one file under `userData/logs`, rotated by size, that a person can attach to a
// bug report (Help → Open Logs Folder). Whatever is written passes through `redact` first, so a
// token, code or secret that slips into a message (an error echoing a URL, say) never reaches the
// disk. Writes are synchronous and small: the shell logs start-up and failures, not traffic.
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** The folder Help → Open Logs Folder shows. */
  readonly dir: string;
}

export interface LoggerOptions {
  dir: string;
  /** Rotate once the current file passes this size; default 1 MB. */
  maxBytes?: number;
  /** Rotated files kept besides the current one; default 3. */
  keep?: number;
  now?: () => Date;
  /** Also print to stderr (development). */
  echo?: boolean;
}

export const LOG_FILE = 'junction.log';

const REDACTED = '[redacted]';

/** OAuth parameters and JSON fields whose value is a credential. */
const SECRET_NAMES = [
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'code',
  'code_verifier',
  'client_secret',
  'password',
  'assertion',
  'accessToken',
  'refreshToken',
  'idToken',
  'clientSecret',
  'codeVerifier',
];

const NAMES = SECRET_NAMES.join('|');
/** `name=value` in query strings and form bodies. */
const PARAM = new RegExp(`([?&#\\s]|^)(${NAMES})=([^&#\\s"']+)`, 'g');
/** `"name": "value"` in JSON. */
const JSON_FIELD = new RegExp(`("(?:${NAMES})"\\s*:\\s*)"[^"]*"`, 'g');
/** `Authorization: Bearer …` and `Basic …`. */
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
/** Three base64url parts: a JWT, whatever field it came in. */
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
/** Google's token shapes (`ya29.…` access tokens, `1//…` refresh tokens). */
const GOOGLE_TOKEN = /\b(ya29\.[A-Za-z0-9._-]+|1\/\/[A-Za-z0-9._-]{10,})/g;

/** Removes anything that looks like a credential. Applied to every line before it is written. */
export function redact(text: string): string {
  return text
    .replace(PARAM, (_m, lead: string, name: string) => `${lead}${name}=${REDACTED}`)
    .replace(JSON_FIELD, (_m, head: string) => `${head}"${REDACTED}"`)
    .replace(AUTH_SCHEME, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(GOOGLE_TOKEN, REDACTED);
}

function rotate(dir: string, keep: number): void {
  const oldest = join(dir, `${LOG_FILE}.${keep}`);
  if (existsSync(oldest)) rmSync(oldest);
  for (let i = keep - 1; i >= 1; i -= 1) {
    const from = join(dir, `${LOG_FILE}.${i}`);
    if (existsSync(from)) renameSync(from, join(dir, `${LOG_FILE}.${i + 1}`));
  }
  renameSync(join(dir, LOG_FILE), join(dir, `${LOG_FILE}.1`));
}

export function createLogger(options: LoggerOptions): Logger {
  const { dir } = options;
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = Math.max(1, options.keep ?? 3);
  const now = options.now ?? (() => new Date());
  const file = join(dir, LOG_FILE);
  let ready = false;

  const write = (level: LogLevel, message: string) => {
    const line = `${now().toISOString()} ${level.toUpperCase()} ${redact(message).replace(/[\r\n]+/g, ' ')}\n`;
    if (options.echo) process.stderr.write(line);
    try {
      if (!ready) {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        ready = true;
      }
      if (existsSync(file) && statSync(file).size + line.length > maxBytes) rotate(dir, keep);
      appendFileSync(file, line, { mode: 0o600 });
    } catch {
      // A log that cannot be written must not take the app down with it.
    }
  };

  return {
    dir,
    info: (message) => write('info', message),
    warn: (message) => write('warn', message),
    error: (message) => write('error', message),
  };
}
