// What the history keeps of a request: everything but the credentials a person may have typed.
// By rule, not by list: a header, query parameter, form field or JSON field (at any depth) whose
// name looks like a credential loses its value; so does userinfo in a URL, and any value shaped
// like a token (Bearer/Basic, a JWT, Google's ya29./1// tokens, AIza keys, GOCSPX secrets) whatever
// its name. The rule errs towards losing a harmless value (`pageToken`, `keyword`): a history entry
// that shows [redacted] costs a retype; one that keeps a secret leaks it to anyone with the disk.
import type { KeyValue, RequestDraft } from './request';

export const REDACTED = '[redacted]';

/** A name containing any of these is a credential's: `X-Goog-Api-Key`, `apiKey`, `sessionid`, `client_secret`. */
const SECRET_PARTS = ['auth', 'key', 'token', 'secret', 'session', 'cookie', 'password', 'passwd', 'signature', 'credential'];
/** Whole names that are credentials without saying so (OAuth's `code`, a SAS `sig`). */
const SECRET_NAMES = new Set([
  'code',
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
  'code_verifier',
  'assertion',
  'sig',
  'pwd',
  'jwt',
]);

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/** Whether a header, parameter or field of this name holds a credential. */
export function isSecretName(name: string): boolean {
  const lower = decodeName(name).trim().toLowerCase();
  // A part split by a separator (pass+word, pass_word, Pass-Word) is still that part.
  const joined = lower.replace(/[\s_.+-]+/g, '');
  return SECRET_NAMES.has(lower) || SECRET_PARTS.some((part) => joined.includes(part));
}

/** Values that are credentials by their shape alone, wherever they stand. */
const SHAPES: [RegExp, string][] = [
  [/\b(Bearer|Basic)(\s+|%20|\+)[A-Za-z0-9._~+/=%-]{1,8192}/gi, `$1$2${REDACTED}`],
  [/(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,4096}\.[A-Za-z0-9_-]{5,8192}\.[A-Za-z0-9_-]{0,4096}/g, REDACTED],
  [/(?<![A-Za-z0-9._-])ya29\.[A-Za-z0-9._-]{1,4096}/g, REDACTED],
  [/(?<![A-Za-z0-9._/-])1\/\/[A-Za-z0-9._-]{10,1024}/g, REDACTED],
  [/(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{30,64}/g, REDACTED],
  [/(?<![A-Za-z0-9_-])GOCSPX-[A-Za-z0-9_-]{1,256}/g, REDACTED],
];
// Every repetition here and below is bounded, and a shape starts only where the token's own
// alphabet does not run on before it: a pasted body full of near-matches (`eyJ-eyJ-…`) costs about
// its length times a bound, never its length squared.

/** `scheme://user:pass@host` anywhere in text; the last `@` before the path ends the userinfo. */
const USERINFO = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,31}:\/\/)([^/?#\\\s"'<>]*)@/gi;
/**
 * The URL field's userinfo in the forms a URL parser accepts without `//` (`https:user@host`) or
 * without a scheme (`//user@host`). Anchored, so it is tried once.
 */
const URL_USERINFO = /^(\s*(?:[a-z][a-z0-9+.-]{0,31}:[/\\]*|[/\\]{2,}))([^/?#\\]*)@/i;

/**
 * `name=value` pairs in a query, fragment, form body or text; `%3D`/`%26` count as `=`/`&`. A value
 * ends at `&`, `#`, `;`, `?`, white space or `"` (or their encodings), so a chain of pairs joined by
 * `;` or `?` is read pair by pair at the top level (nesting each one in the last let the fourth slip
 * past the depth bound, credential and all); a name holds no encoded `=`, `&`, `#`, `?` or `;`, or
 * `access_token%3Dsecret%26a` would pass for one name with the secret in it; a harmless pair's value is searched
 * again, a level or two deep, for a URL nested in it (`next=https%3A…%3Faccess_token%3D…`). Names
 * are bounded so that text with no `=` in it is scanned in linear time.
 */
const PAIR =
  /(^|[?&#;\s"'{(,]|%26|%3F|%23|%3B)((?:[A-Za-z0-9_.~+-]|%(?!3D|26|23|3F|3B)){1,128})(=|%3D)((?:[^&#;?\s"%]|%(?!26|23|22|3F|3B))*)/gi;
const NESTED_DEPTH = 2;

/** `"name": value` in JSON-like text that did not parse (a typo, a cut): the value is a string or a bare word. */
const JSON_PAIR = /("([^"\\]{1,128})"\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}\]\s]+)/g;

function redactShapes(text: string): string {
  return SHAPES.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

function redactPairs(text: string, depth = 0): string {
  return text.replace(PAIR, (whole: string, lead: string, name: string, eq: string, value: string) => {
    if (value === '') return whole;
    if (isSecretName(name)) return `${lead}${name}${eq}${REDACTED}`;
    if (depth < NESTED_DEPTH) return `${lead}${name}${eq}${redactPairs(value, depth + 1)}`;
    // Past the bound (which keeps the search linear), a value that still holds a pair is hidden
    // whole rather than kept: `q=a=b=access_token=…` must not keep the token.
    return /=|%3D/i.test(value) ? `${lead}${name}${eq}${REDACTED}` : whole;
  });
}

/** Any text a person typed or an error echoed: userinfo, credential pairs and token shapes go. */
export function redactText(text: string): string {
  const withoutUserinfo = text.replace(USERINFO, (_m, head: string) => `${head}${REDACTED}@`);
  const withoutJsonFields = withoutUserinfo.replace(JSON_PAIR, (whole: string, head: string, name: string) =>
    isSecretName(name) ? `${head}"${REDACTED}"` : whole,
  );
  return redactShapes(redactPairs(withoutJsonFields));
}

/** The URL field: userinfo, the query's and the fragment's credential parameters, token shapes. */
export function redactUrl(url: string): string {
  return redactText(url.replace(URL_USERINFO, (_m, head: string) => `${head}${REDACTED}@`));
}

function redactRows(rows: KeyValue[]): KeyValue[] {
  return rows.map((row) => (isSecretName(row.key) ? { ...row, value: REDACTED } : { ...row, value: redactText(row.value) }));
}

/** Deeper than this, a JSON body is not a request anyone types: keep none of it rather than recurse. */
const MAX_DEPTH = 64;

function redactJson(value: unknown, depth: number, changed: { yes: boolean }): unknown {
  if (typeof value === 'string') {
    const text = redactText(value);
    if (text !== value) changed.yes = true;
    return text;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) {
    changed.yes = true;
    return REDACTED;
  }
  if (Array.isArray(value)) return value.map((item) => redactJson(item, depth + 1, changed));
  // A null prototype keeps a `__proto__` field a field, and its secrets reachable for redaction.
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, item] of Object.entries(value)) {
    if (isSecretName(key)) changed.yes = true;
    out[key] = isSecretName(key) ? REDACTED : redactJson(item, depth + 1, changed);
  }
  return out;
}

function redactBody(body: string): string {
  if (body.trim() === '') return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // Not JSON (a form body, JSON with a typo, text): redact it as text.
    return redactText(body);
  }
  try {
    const changed = { yes: false };
    const redacted = redactJson(parsed, 0, changed);
    // Nothing to hide: keep the body exactly as the person typed it.
    return changed.yes ? JSON.stringify(redacted, null, 2) : body;
  } catch {
    // Whatever went wrong (a body too deep to print), keeping nothing is the safe answer.
    return REDACTED;
  }
}

/** A copy that is safe to keep and show: no credential a person may have typed survives. */
export function redactDraft(draft: RequestDraft): RequestDraft {
  return {
    ...draft,
    url: redactUrl(draft.url),
    query: redactRows(draft.query),
    headers: redactRows(draft.headers),
    body: redactBody(draft.body),
  };
}
