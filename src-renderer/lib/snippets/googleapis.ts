// "Copy as… Node" for a Google call the @googleapis/* libraries have a method for: the method call,
// with path parameters, query parameters and the JSON body as its named params, and the token read
// from the GOOGLE_TOKEN environment variable. Anything the method call could not send the same
// way (a body that is not a JSON object, an own Content-Type, a query key the call reserves) gets
// no method call: the caller falls back to a plain fetch.
import type { RequestParts } from './snippets';
import { GOOGLE_CALLS, type GoogleCall } from './google-calls';

/** Keys a method's params object gives a meaning of their own. */
const RESERVED = new Set(['requestBody', 'media', 'auth', 'headers', '__proto__', 'constructor', 'prototype']);

function literal(value: unknown): string {
  return JSON.stringify(value);
}

function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : literal(name);
}

function objectLiteral(entries: [string, unknown][]): string {
  return entries.length ? `{ ${entries.map(([k, v]) => `${key(k)}: ${literal(v)}`).join(', ')} }` : '{}';
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** The call whose path template matches, with its path parameters' values. */
function match(method: string, pathname: string): { call: GoogleCall; params: [string, string][] } | undefined {
  for (const call of GOOGLE_CALLS) {
    if (call.method !== method) continue;
    const names: string[] = [];
    const pattern = call.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_all, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    const found = new RegExp(`^${pattern}$`).exec(pathname);
    if (!found) continue;
    const values = found.slice(1).map((v) => decodeURIComponent(v));
    return { call, params: names.map((name, i) => [name, values[i] ?? '']) };
  }
  return undefined;
}

export function googleapisSnippet(parts: RequestParts): string | undefined {
  if (parts.variable !== 'GOOGLE_TOKEN') return undefined;
  let url: URL;
  try {
    url = new URL(parts.url);
  } catch {
    return undefined;
  }
  let found: ReturnType<typeof match>;
  try {
    found = match(parts.method, url.pathname);
  } catch {
    return undefined;
  }
  if (!found) return undefined;
  const params = new Map<string, string | string[]>(found.params);
  const pathNames = new Set(found.params.map(([name]) => name));
  for (const [rawName, rawValue] of parts.query) {
    const name = decode(rawName);
    const value = decode(rawValue);
    if (name === undefined || value === undefined || RESERVED.has(name) || pathNames.has(name)) return undefined;
    const seen = params.get(name);
    params.set(name, seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value]);
  }
  const headers = parts.headers.filter((h) => h.name.toLowerCase() !== 'content-type');
  const contentType = parts.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value;
  const entries: [string, unknown][] = [...params];
  if (parts.body !== undefined) {
    let body: unknown;
    try {
      body = JSON.parse(parts.body);
    } catch {
      return undefined;
    }
    if (contentType !== 'application/json' || body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
    entries.push(['requestBody', body]);
  }
  const { call } = found;
  const root = `${url.origin}/`;
  const options = [`version: '${call.version}'`, 'auth: oauth2', ...(root === call.root ? [] : [`rootUrl: ${literal(root)}`])];
  const extra = headers.length ? `, { headers: ${objectLiteral(headers.map((h) => [h.name, h.value]))} }` : '';
  return [
    `// npm install @googleapis/${call.library}`,
    '// An ES module (save as call.mjs); the token comes from the GOOGLE_TOKEN environment variable.',
    `import { auth, ${call.library} } from '@googleapis/${call.library}';`,
    '',
    'const oauth2 = new auth.OAuth2();',
    'oauth2.setCredentials({ access_token: process.env.GOOGLE_TOKEN });',
    `const client = ${call.library}({ ${options.join(', ')} });`,
    '',
    `const res = await client.${call.call}(${objectLiteral(entries)}${extra});`,
    'console.log(res.status, JSON.stringify(res.data, null, 2));',
  ].join('\n');
}
