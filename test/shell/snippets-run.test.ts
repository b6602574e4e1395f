// "Copy as…" run for real: each snippet the window copies (src-renderer/lib/snippets), with its
// token variable set to a live test token, must make curl, python3 (requests) and node send what
// the core sends for the same form: same method, path, query, headers and body, decoded. Node's
// @googleapis/* calls are checked row by row against the installed packages too. No snippet holds
// any token the oidc-provider peer issued. HTTPie is not installed here: its snippet is checked as
// text only.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, Service } from '../../src-shared/types';
import { buildPayload, emptyDraft, type RequestDraft } from '../../src-renderer/lib/request';
import { toSnippet, type SnippetLanguage } from '../../src-renderer/lib/snippets/snippets';
import { GOOGLE_CALLS } from '../../src-renderer/lib/snippets/google-calls';
import { GOOGLE_SERVICES, startHarness, type Harness } from '../core/harness';
import { makeTempDir, removeAllTempDirs } from '../support/temp-dir';
import { startRecordingServer, type RecordingServer, type Seen } from '../support/recording-server';

const hasCurl = existsSync('/usr/bin/curl');
const hasPython = spawnSync('python3', ['-c', 'import requests']).status === 0;

let recorder: RecordingServer | undefined;
let origin: string;
let seen: Seen[];
let google: Harness;
let spotify: Harness;
const world: Record<'google' | 'spotify', { connections: Connection[]; services: Service[]; token: string }> = {
  google: { connections: [], services: [], token: '' },
  spotify: { connections: [], services: [], token: '' },
};
let workDir: string;

async function startRecorder(): Promise<void> {
  recorder = await startRecordingServer();
  ({ origin, seen } = recorder);
}

const bases = () => ({
  google_gmail: { apiBaseUrl: `${origin}/gmail/v1` },
  google_calendar: { apiBaseUrl: `${origin}/calendar/v3` },
  google_drive: { apiBaseUrl: `${origin}/drive/v3` },
  google_docs: { apiBaseUrl: `${origin}/v1` },
  spotify: { apiBaseUrl: `${origin}/spotify/v1` },
});

async function viaCore(h: Harness, connection: Connection, draft: RequestDraft): Promise<Seen[]> {
  const built = buildPayload(draft, connection.id, randomUUID());
  if (!built.ok) throw new Error(built.error);
  seen.length = 0;
  await h.core.invoke('api.request', built.payload);
  return [...seen];
}

function run(command: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(command, args, { cwd: workDir, env: { ...process.env, ...env } });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code, out })));
}

/** The snippet run as a person would, the token in its variable (or, for fetch, pasted in). */
async function viaSnippet(language: SnippetLanguage, text: string, variable: string, token: string) {
  seen.length = 0;
  const env = { [variable]: token };
  let result: { code: number | null; out: string };
  if (language === 'curl') result = await run('bash', ['-c', text], env);
  else if (language === 'python') {
    writeFileSync(join(workDir, 'call.py'), text);
    result = await run('python3', ['call.py'], env);
  } else {
    const file = join(workDir, `call-${randomUUID()}.mjs`);
    writeFileSync(file, language === 'fetch' ? text.split(`$${variable}`).join(token) : text);
    result = await run(process.execPath, [file], env);
  }
  return { ...result, seen: [...seen] };
}

/** What must match, decoded: transport headers and the libraries' own (user-agent, x-goog-api-client) aside. */
function essence(request: Seen | undefined): unknown {
  if (!request) return undefined;
  const url = new URL(request.target, origin);
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => (name.startsWith('x-') && name !== 'x-goog-api-client') || name === 'content-type'),
  );
  return {
    method: request.method,
    path: decodeURIComponent(url.pathname),
    query: [...url.searchParams],
    authorization: request.headers.authorization,
    headers,
    body: request.body,
  };
}

const draft = (patch: Partial<RequestDraft>): RequestDraft => ({ ...emptyDraft(), ...patch });
const row = (key: string, value: string) => ({ key, value, enabled: true });

/** The node_modules folder a package resolves from. */
function nodeModulesOf(name: string): string {
  let dir = dirname(realpathSync(createRequire(import.meta.url).resolve(name)));
  while (basename(dir) !== 'node_modules') {
    const up = dirname(dir);
    if (up === dir) throw new Error(`${name} is not inside a node_modules folder`);
    dir = up;
  }
  return dir;
}

beforeAll(async () => {
  await startRecorder();
  workDir = makeTempDir('junction-snippets-');
  // The Node snippets import @googleapis/* as a person's project would: from its node_modules (the
  // folder the installed package is in, not one under the working directory, which Stryker moves).
  symlinkSync(nodeModulesOf('@googleapis/gmail'), join(workDir, 'node_modules'));
  google = await startHarness({ kind: 'google' }, { services: bases() });
  spotify = await startHarness({ kind: 'spotify' }, { services: bases() });
  for (const [kind, h, service] of [
    ['google', google, 'google_gmail'],
    ['spotify', spotify, 'spotify'],
  ] as const) {
    // One consent for all of Google's services: a connection each, one token.
    const connection = await h.connect(service, kind === 'google' ? { services: GOOGLE_SERVICES } : {});
    const [first] = await viaCore(h, connection, draft({ url: '/whoami' }));
    world[kind] = {
      connections: await h.core.invoke('connections.list', {}),
      services: await h.core.invoke('services.list', {}),
      token: /^Bearer (.+)$/.exec(first?.headers.authorization ?? '')?.[1] ?? '',
    };
  }
});

afterAll(async () => {
  await google?.close();
  await spotify?.close();
  await recorder?.close();
  removeAllTempDirs();
});

const LANGUAGES: SnippetLanguage[] = ['curl', 'python', 'fetch', 'node'];

const CASES: [string, 'google' | 'spotify', string, RequestDraft][] = [
  ['a Gmail profile (users.getProfile)', 'google', 'google_gmail', draft({ url: '/users/me/profile' })],
  [
    'a query with spaces, quotes, shell syntax and a repeated key (users.messages.list)',
    'google',
    'google_gmail',
    draft({ url: '/users/me/messages', query: [row('q', `from:"a b" it's $(id) é`), row('labelIds', 'A&B'), row('labelIds', 'C')] }),
  ],
  [
    'a JSON body with shell syntax and non-Latin text (users.messages.send)',
    'google',
    'google_gmail',
    draft({ method: 'POST', url: '/users/me/messages/send', body: `{"raw": "it's $HOME \`id\` $(touch pwned) 😀 é", "n": 1.5}` }),
  ],
  [
    'headers with quotes and dollars (drive files.list)',
    'google',
    'google_drive',
    draft({
      url: '/files',
      query: [row('fields', 'files(id,name)')],
      headers: [row('X-Quote', `it's "$HOME" \\ \`id\``), row('X-Empty', '')],
    }),
  ],
  [
    'a backslash before a quote in a header and the body, and a quote in the path (no library call)',
    'google',
    'google_gmail',
    draft({
      method: 'POST',
      url: "/it's/x?a=\\'b",
      headers: [row('X-Slash', `a\\'b\\`)],
      body: `{"a": "x\\\\');require('fs').writeFileSync('pwned','');//"}`,
    }),
  ],
  ['a Docs batchUpdate', 'google', 'google_docs', draft({ method: 'POST', url: '/documents/DOC_1:batchUpdate', body: '{"requests":[]}' })],
  [
    'a calendar id with an @ (events.list)',
    'google',
    'google_calendar',
    draft({ url: '/calendars/a@b.c/events', query: [row('maxResults', '5')] }),
  ],
  [
    'a JSON string body, sent as text (no library call)',
    'google',
    'google_gmail',
    draft({ method: 'PUT', url: '/b', body: `"plain 'text' !"` }),
  ],
  [
    'braces and brackets in the query (no library call)',
    'google',
    'google_gmail',
    draft({ url: '/m', query: [row('q', '{a,b}'), row('r', '[1-3]')] }),
  ],
  ['DELETE', 'google', 'google_gmail', draft({ method: 'DELETE', url: '/users/me/labels/L1' })],
  ['Spotify me', 'spotify', 'spotify', draft({ url: '/me' })],
  [
    'Spotify: a PUT with an array body',
    'spotify',
    'spotify',
    draft({ method: 'PUT', url: '/me/player/play', body: '{"uris":["spotify:track:1"]}' }),
  ],
];

describe('Copy as…, run for real', () => {
  it('signed in against the peers and has live tokens', () => {
    expect(world.google.token.length).toBeGreaterThan(10);
    expect(world.spotify.token.length).toBeGreaterThan(10);
  });

  for (const language of LANGUAGES) {
    const skip = (language === 'curl' && !hasCurl) || (language === 'python' && !hasPython);
    it.skipIf(skip).each(CASES)(`${language}: %s sends what the core sends`, async (_what, kind, serviceId, input) => {
      const { connections, services, token } = world[kind];
      const connection = connections.find((c) => c.service === serviceId);
      const h = kind === 'google' ? google : spotify;
      const service = services.find((s) => s.id === serviceId) as Service;
      const core = await viaCore(h, connection as Connection, input);
      const text = toSnippet(language, input, service);
      const variable = kind === 'google' ? 'GOOGLE_TOKEN' : 'SPOTIFY_TOKEN';
      expect(text).toContain(variable);
      const ran = await viaSnippet(language, text, variable, token);
      expect(ran.code, `${text}\n${ran.out}`).toBe(0);
      expect(ran.seen, text).toHaveLength(1);
      expect(essence(ran.seen[0]), text).toEqual(essence(core[0]));
      expect(ran.seen[0]?.headers.authorization).toBe(`Bearer ${token}`);
      expect(existsSync(join(workDir, 'pwned'))).toBe(false);
    });
  }

  it('Node writes the @googleapis call where the URL maps to one, and a fetch where it does not', () => {
    const gmail = world.google.services.find((s) => s.id === 'google_gmail') as Service;
    expect(toSnippet('node', draft({ url: '/users/me/messages', query: [row('maxResults', '10')] }), gmail)).toContain(
      `await client.users.messages.list({ userId: "me", maxResults: "10" })`,
    );
    expect(toSnippet('node', draft({ url: '/users/me/unknown' }), gmail)).toContain('process.env.GOOGLE_TOKEN');
    expect(toSnippet('node', draft({ url: '/users/me/unknown' }), gmail)).not.toContain('@googleapis');
  });

  it('a URL the core refuses gets no token in any language, and says why', async () => {
    const gmail = world.google.services.find((s) => s.id === 'google_gmail') as Service;
    const port = new URL(origin).port;
    for (const language of [...LANGUAGES, 'httpie'] as SnippetLanguage[]) {
      const text = toSnippet(language, draft({ url: `http://localhost:${port}/gmail/v1/x` }), gmail);
      expect(text.split('\n')[0], language).toMatch(/^(#|\/\/) Junction would refuse this URL: /);
      expect(text, language).not.toContain('GOOGLE_TOKEN');
      expect(text.split('\n').slice(1).join('\n'), language).not.toMatch(/Authorization|Bearer/i);
    }
  });

  it('no snippet holds any token the peers issued', () => {
    const issued = [...google.peer.issuedTokens(), ...spotify.peer.issuedTokens(), world.google.token, world.spotify.token];
    expect(issued.length).toBeGreaterThan(4);
    for (const [, kind, serviceId, input] of CASES) {
      const service = world[kind].services.find((s) => s.id === serviceId) as Service;
      for (const language of [...LANGUAGES, 'httpie'] as SnippetLanguage[]) {
        const text = toSnippet(language, input, service);
        for (const token of issued) expect(text.includes(token), `${language}: ${token.slice(0, 6)}…`).toBe(false);
      }
    }
  });

  it('HTTPie reads the token from its shell variable, and its body comes from printf, with no newline added', async () => {
    const spotifyService = world.spotify.services.find((s) => s.id === 'spotify') as Service;
    expect(toSnippet('httpie', draft({ url: '/me' }), spotifyService)).toContain(`Authorization:"Bearer $SPOTIFY_TOKEN"`);
    const body = JSON.stringify({ a: "it's $HOME \\ `id`" });
    const text = toSnippet('httpie', draft({ method: 'POST', url: '/me/x', body }), spotifyService);
    // HTTPie is not installed here: what it would read on stdin is what the shell's pipe carries.
    const stdin = text.slice(0, text.indexOf(' |'));
    expect(stdin).toMatch(/^printf '%s' /);
    const ran = await run('bash', ['-c', stdin], {});
    expect(ran.out).toBe(JSON.stringify(JSON.parse(body)));
  });
});

describe('the @googleapis calls Node snippets write are the installed libraries’ own', () => {
  it.each(GOOGLE_CALLS.map((c) => [`${c.library} ${c.call}`, c] as const))('%s', async (_name, call) => {
    const library = (await import(`@googleapis/${call.library}`)) as Record<string, (options: object) => Record<string, unknown>>;
    const factory = library[call.library];
    if (!factory) throw new Error(`@googleapis/${call.library} has no ${call.library} export`);
    const client = factory({ version: call.version, rootUrl: `${origin}/` });
    const names = [...call.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    const path = call.call.split('.');
    let owner: Record<string, unknown> = client;
    for (const part of path.slice(0, -1)) owner = owner[part] as Record<string, unknown>;
    const method = owner[path.at(-1) as string];
    expect(typeof method, call.call).toBe('function');
    seen.length = 0;
    const params = Object.fromEntries(names.map((n) => [n, `v-${n}`]));
    await (method as (this: unknown, p: object) => Promise<unknown>).call(owner, {
      ...params,
      ...(call.method === 'POST' ? { requestBody: {} } : {}),
    });
    expect(seen.map((s) => [s.method, new URL(s.target, origin).pathname])).toEqual([
      [call.method, call.path.replace(/\{(\w+)\}/g, (_all, n: string) => `v-${n}`)],
    ]);
  });
});
