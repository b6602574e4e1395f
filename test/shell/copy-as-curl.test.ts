// "Copy as curl" run for real: the window's command (src-renderer/lib/curl.ts), pasted into bash with
// $GOOGLE_TOKEN set, must make Debian's curl send the very request the core sends for the same form (same
// method, request target byte for byte, headers, body), with globbing off, and must carry no token
// to a URL the core refuses. A recording server on loopback stands in as the Gmail API base, after
// a real sign-in against the oidc-provider peer.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../src-main/core/config';
import { resolveRequestUrl } from '../../src-main/core/proxy/resolve-url';
import type { Connection, Service } from '../../src-shared/types';
import { toCurl } from '../../src-renderer/lib/curl';
import { buildPayload, emptyDraft, type RequestDraft } from '../../src-renderer/lib/request';
import { resolveTarget } from '../../src-renderer/lib/target';
import { errorOf, startHarness, type Harness } from '../core/harness';
import { makeTempDir, removeAllTempDirs } from '../support/temp-dir';
import { startRecordingServer, type RecordingServer, type Seen } from '../support/recording-server';

const CURL = '/usr/bin/curl';
const hasCurl = existsSync(CURL) && spawnSync('bash', ['-c', 'true']).status === 0;

let recorder: RecordingServer | undefined;
let origin: string;
let seen: Seen[];
let h: Harness;
let connection: Connection;
let gmail: Service;
let token: string;
let workDir: string;

async function startRecorder(): Promise<void> {
  recorder = await startRecordingServer();
  ({ origin, seen } = recorder);
}

async function viaCore(draft: RequestDraft): Promise<Seen[]> {
  const built = buildPayload(draft, connection.id, randomUUID());
  if (!built.ok) throw new Error(built.error);
  seen.length = 0;
  await h.core.invoke('api.request', built.payload);
  return [...seen];
}

/** The copied text, run as a person would paste it: bash, $GOOGLE_TOKEN in the environment, a scratch cwd. */
async function viaCurl(text: string): Promise<{ seen: Seen[]; code: number | null; stdout: string }> {
  seen.length = 0;
  const child = spawn('bash', ['-c', text], { cwd: workDir, env: { PATH: '/usr/bin:/bin', GOOGLE_TOKEN: token, HOME: workDir } });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.resume();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { seen: [...seen], code, stdout };
}

/** What must match between the core's request and curl's: everything but transport headers. */
function essence(request: Seen | undefined): unknown {
  if (!request) return undefined;
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.startsWith('x-') || name === 'content-type'));
  return { method: request.method, target: request.target, authorization: request.headers.authorization, headers, body: request.body };
}

const draft = (patch: Partial<RequestDraft>): RequestDraft => ({ ...emptyDraft(), ...patch });
const row = (key: string, value: string) => ({ key, value, enabled: true });

beforeAll(async () => {
  if (!hasCurl) return;
  await startRecorder();
  workDir = makeTempDir('junction-curl-');
  h = await startHarness({ kind: 'google' }, { services: { google_gmail: { apiBaseUrl: `${origin}/gmail/v1` } } });
  connection = await h.connect('google_gmail');
  const services = await h.core.invoke('services.list', {});
  gmail = services.find((s) => s.id === 'google_gmail') as Service;
  const [first] = await viaCore(draft({ url: '/whoami' }));
  token = /^Bearer (.+)$/.exec(first?.headers.authorization ?? '')?.[1] ?? '';
});

afterAll(async () => {
  await h?.close();
  await recorder?.close();
  removeAllTempDirs();
});

describe.skipIf(!hasCurl)('copy as curl, run in bash', () => {
  it('the core tells the window its allowlist', () => {
    expect(gmail.allowedOrigins).toEqual(['https://gmail.googleapis.com', 'https://www.googleapis.com', origin]);
    expect(token.length).toBeGreaterThan(10);
  });

  it.each([
    ['braces and brackets stay literal', draft({ url: '/users/me/messages?q={a,b}&r=[1-3]' })],
    ['braces in the path', draft({ url: '/files/{a,b}/x[1]' })],
    ['an absolute URL on the base', draft({ url: 'PLACEHOLDER/gmail/v1/x?y=1' })],
    [
      'query rows with shell and URL syntax',
      draft({ url: '/q', query: [row('a b', "x&y=z'"), row('c', '$(touch pwned) `id` "$HOME"'), row('d', 'é+ü'), row('c', '2')] }),
    ],
    [
      'headers with quotes and dollars',
      draft({
        url: '/h',
        headers: [
          row('X-Quote', `it's "$GOOGLE_TOKEN" \\ \`id\``),
          row('X-Empty', ''),
          row('Content-Type', 'application/json; charset=utf-8'),
        ],
      }),
    ],
    [
      'a JSON body with shell syntax',
      draft({ method: 'POST', url: '/b', body: `{\n  "text": "it's $HOME \`id\` $(touch pwned) \\n done",\n  "n": 1.50\n}` }),
    ],
    ['a JSON string body, sent as text', draft({ method: 'PUT', url: '/b', body: `"plain 'text' !"` })],
    ['a PATCH with an array body', draft({ method: 'PATCH', url: '/b', body: '[1, {"a": null}]' })],
    ['DELETE', draft({ method: 'DELETE', url: '/d' })],
    ['HEAD', draft({ method: 'HEAD', url: '/head' })],
  ])('%s: curl sends exactly what the core sends', async (_what, input) => {
    const request = { ...input, url: input.url.replace('PLACEHOLDER', origin) };
    const core = await viaCore(request);
    const text = toCurl(request, gmail);
    const curl = await viaCurl(text);
    expect(curl.code, text).toBe(0);
    expect(core).toHaveLength(1);
    expect(curl.seen, text).toHaveLength(1);
    expect(essence(curl.seen[0])).toEqual(essence(core[0]));
    expect(curl.seen[0]?.headers.authorization).toBe(`Bearer ${token}`);
    expect(existsSync(join(workDir, 'pwned'))).toBe(false);
  });

  it('sends {a,b} and [1-3] literally in one request', async () => {
    const curl = await viaCurl(toCurl(draft({ url: '/m?q={a,b}&r=[1-3]' }), gmail));
    expect(curl.seen.map((s) => s.target)).toEqual(['/gmail/v1/m?q={a,b}&r=[1-3]']);
  });

  it('gives no token to a URL the core refuses, and globbing cannot make one', async () => {
    const port = new URL(origin).port;
    const refused = [
      `http://localhost:${port}/gmail/v1/x`,
      `http://{127.0.0.1,localhost}:${port}/gmail/v1/x`,
      `http://127.0.0.{1,2}:${port}/gmail/v1/x`,
      `http://user:pass@127.0.0.1:${port}/gmail/v1/x`,
    ];
    for (const url of refused) {
      const error = await errorOf(h.core.invoke('api.request', { connectionId: connection.id, url }));
      expect(error.code, url).toBe('host_not_allowed');
      const text = toCurl(draft({ url }), gmail);
      expect(text.split('\n')[0]).toMatch(/^# Junction would refuse this URL: /);
      const curl = await viaCurl(text);
      // At most the one literal URL is tried (only localhost and userinfo reach the recorder), and no request holds the token.
      expect(curl.seen.length, url).toBeLessThanOrEqual(1);
      for (const request of curl.seen) {
        expect(JSON.stringify(request)).not.toContain(token);
        expect(request.headers.authorization ?? '').not.toMatch(/^Bearer/);
      }
    }
  });
});

describe('the window and the core agree on what is refused', () => {
  const base = 'https://gmail.googleapis.com/gmail/v1';
  const catalog = new Catalog({ services: {} });
  const service = catalog.service('google_gmail');
  const windowView = { apiBaseUrl: base, allowedOrigins: [...service.allowedOrigins] };

  it.each([
    '/users/me/profile',
    '//evil.example/x',
    'users/me/{a,b}?q=[1-3]',
    'https://gmail.googleapis.com/gmail/v1/users/me/profile?x=1',
    'https://www.googleapis.com/drive/v3/files',
    'HTTPS://GMAIL.GOOGLEAPIS.COM/x',
    'https://gmail.googleapis.com:443/x',
    'https://gmail.googleapis.com:8443/x',
    'https://gmail.googleapis.com.evil.example/x',
    'https://evil.example@gmail.googleapis.com/x',
    'https://gmail.googleapis.com@evil.example/x',
    'http://gmail.googleapis.com/x',
    'https:gmail.googleapis.com/x',
    'https:\\\\evil.example/x',
    'https://{gmail.googleapis.com,evil.example}/x',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'localhost:8080/x',
    'https://[::1]/x',
    'https://xn--gmil-6na.googleapis.com/x',
  ])('%s', (url) => {
    const query = [row('q', 'a b'), row('k', '{x}')];
    const target = resolveTarget(windowView, url, query);
    let core: { href?: string; code?: string };
    try {
      core = { href: resolveRequestUrl(service, url, { q: 'a b', k: '{x}' }).href };
    } catch (error) {
      core = { code: (error as { code?: string }).code };
    }
    if (core.code) {
      expect(target.refused, `the core refuses it (${core.code})`).toBeDefined();
    } else {
      expect(target.refused).toBeUndefined();
      expect(target.url).toBe(core.href);
    }
  });
});
