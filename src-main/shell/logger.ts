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

/**
 * A field of this name holds a credential: by rule, not by list, so `x-goog-api-key`,
 * `accessToken`, `sessionid` and `client_secret` are all caught without being named.
 */
const SECRET_PARTS = ['auth', 'key', 'token', 'secret', 'session', 'cookie', 'password', 'passwd', 'signature', 'credential', 'verifier'];
const SECRET_NAMES = new Set(['code', 'assertion', 'sig', 'pwd', 'jwt']);

function isSecretName(name: string): boolean {
  const lower = name.toLowerCase();
  // A part split by a separator (pass_word, Pass.Word) is still that part.
  const joined = lower.replace(/[_.-]+/g, '');
  return SECRET_NAMES.has(lower) || SECRET_PARTS.some((part) => joined.includes(part));
}

/**
 * `name=value`, `name: value`, `"name": "value"`, `'name': 'value'` (an object dump) and their
 * percent-encoded forms (`access_token%3D…`, `%22refresh_token%22%3A%22…%22`). Groups: lead,
 * quote (with its backreference), name, separator, value. Every repetition is bounded.
 */
const FIELD = new RegExp(
  [
    String.raw`(^|[^A-Za-z0-9_.%-]|%2[26C]|%3F|%23|%7B)`,
    String.raw`(['"]|%22|%27)?([A-Za-z0-9_.-]{1,128})(?:\2)`,
    String.raw`(\s{0,8}(?::|=|%3A|%3D)(?:\s|%20){0,8})`,
    String.raw`('[^'\n]{0,8192}'|"(?:[^"\\\n]|\\.){0,8192}"|%2[27](?:[^%]|%(?!2[27])){0,8192}%2[27]|(?:[^\s,;&#'"}\]%]|%(?!2[2367C]|23)){1,8192})`,
  ].join(''),
  'gi',
);

function keepQuotes(value: string): string {
  for (const quote of ["'", '"', '%22', '%27']) {
    if (value.length >= 2 * quote.length && value.toLowerCase().startsWith(quote.toLowerCase())) return `${quote}${REDACTED}${quote}`;
  }
  return REDACTED;
}

/** `Authorization: Bearer …`, `bearer:…`, `Basic …`. */
const AUTH_SCHEME = /\b(Bearer|Basic)(\s{1,8}|:\s{0,8}|%20)[A-Za-z0-9._~+/=-]{1,8192}/gi;
/** `https://user:pass@host`: the userinfo, up to the last `@` before the path. */
const USERINFO = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,31}:\/\/)[^/?#\\\s"'<>]{0,2048}@/gi;
/** Tokens by their shape, whatever field they came in: JWTs, Google's ya29./1// tokens, API keys, client secrets. */
const SHAPES = [
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,4096}\.[A-Za-z0-9_-]{5,8192}\.[A-Za-z0-9_-]{0,4096}/g,
  /(?<![A-Za-z0-9._-])ya29\.[A-Za-z0-9._-]{1,4096}/g,
  /(?<![A-Za-z0-9._/-])1\/\/[A-Za-z0-9._-]{10,1024}/g,
  /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{30,64}/g,
  /(?<![A-Za-z0-9_-])GOCSPX-[A-Za-z0-9_-]{1,256}/g,
];

/** How deep a harmless field's value is searched again: `https://x/cb?code=…` is `https:` then a URL. */
const NESTED_DEPTH = 3;

function redactFields(text: string, depth: number): string {
  return text.replace(FIELD, (whole: string, lead: string, quote: string | undefined, name: string, sep: string, value: string) => {
    const head = `${lead}${quote ?? ''}${name}${quote ?? ''}${sep}`;
    if (isSecretName(name)) return value.includes(REDACTED) ? whole : `${head}${keepQuotes(value)}`;
    if (depth < NESTED_DEPTH) return `${head}${redactFields(value, depth + 1)}`;
    // Past the bound (which keeps the search linear), a value that still holds a field is hidden
    // whole rather than kept: `q=a=b=c=access_token=…` must not keep the token.
    return /[=:]|%3[AD]/i.test(value) ? `${head}${keepQuotes(value)}` : whole;
  });
}

/** Removes anything that looks like a credential. Applied to every line before it is written. */
export function redact(text: string): string {
  const fields = redactFields(
    text
      .replace(AUTH_SCHEME, (_m, scheme: string, gap: string) => `${scheme}${gap}${REDACTED}`)
      .replace(USERINFO, (_m, scheme: string) => `${scheme}${REDACTED}@`),
    0,
  );
  return SHAPES.reduce((out, shape) => out.replace(shape, REDACTED), fields);
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
