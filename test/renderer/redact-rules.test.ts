// The redaction rules of src-renderer/lib/redact.ts one by one: every credential name and name
// part, every token shape with its boundaries, userinfo in its URL forms, pairs and broken JSON.
// Each test loads the module afresh (vi.resetModules): its tables and patterns are built when it
// loads, and Stryker can switch a mutant of a table on only in a module loaded after the test began
// (docs/testing.md, static mutants). Expected outputs are exact, so a rule that redacts a
// character too few or too many fails.
import { describe, expect, it, vi } from 'vitest';
import type { RequestDraft } from '../../src-renderer/lib/request';

async function fresh() {
  vi.resetModules();
  return import('../../src-renderer/lib/redact');
}

const R = '[redacted]';
const JWT = 'eyJhbGciOi.eyJzdWIiOi.sig123';
const API_KEY = `AIza${'B'.repeat(35)}`;

describe('redaction rules', () => {
  it('names: each credential part anywhere in a name, each whole credential name, nothing else', async () => {
    const { isSecretName } = await fresh();
    for (const part of ['auth', 'key', 'token', 'secret', 'session', 'cookie', 'password', 'passwd', 'signature', 'credential']) {
      expect(isSecretName(`x-${part.toUpperCase()}-y`), part).toBe(true);
    }
    for (const name of [
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
    ]) {
      expect(isSecretName(` ${name} `), name).toBe(true);
    }
    for (const name of ['', ' ', 'fields', 'q', 'codex', 'signal', 'page']) expect(isSecretName(name), name).toBe(false);
    // Percent-encoded names are read decoded; a name that does not decode is read as it is.
    expect(isSecretName('co%64e')).toBe(true);
    expect(isSecretName('%73ig')).toBe(true);
    expect(isSecretName('access_token%')).toBe(true);
    expect(isSecretName('x+code')).toBe(false);
    // '+' is a space in a form-encoded name: 'co de' is two words, not OAuth's `code`.
    expect(isSecretName('co+de')).toBe(false);
    // A part split by a separator is still that part: pass+word (form encoding), pass_word, Pass-Word.
    for (const name of ['pass+word', 'pass_word', 'Pass-Word', 'pass.word', 'pass word', 'api+key', 'session_-id', 'to+ken']) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of ['page+size', 'max_results', 'x-request-id']) expect(isSecretName(name), name).toBe(false);
  });

  it('the marker is [redacted], the same everywhere', async () => {
    const { REDACTED, redactText } = await fresh();
    expect(REDACTED).toBe(R);
    expect(redactText('access_token=abc')).toBe(`access_token=${R}`);
  });

  it('Bearer and Basic credentials, after a space, spaces, %20 or +', async () => {
    const { redactText } = await fresh();
    expect(redactText('Bearer abc.def')).toBe(`Bearer ${R}`);
    expect(redactText('x: Bearer  abc')).toBe(`x: Bearer  ${R}`);
    expect(redactText('Basic%20xyz')).toBe(`Basic%20${R}`);
    expect(redactText('bearer+tok=')).toBe(`bearer+${R}`);
    expect(redactText('Bearer')).toBe('Bearer');
  });

  it('token shapes whatever their name, only where the token starts', async () => {
    const { redactText } = await fresh();
    const shapes = [JWT, 'ya29.a0Af_x-y', '1//0abcdefghij_k', API_KEY, 'GOCSPX-abc_def'];
    for (const shape of shapes) {
      expect(redactText(`see ${shape} here`), shape).toBe(`see ${R} here`);
      expect(redactText(shape), shape).toBe(R);
      // Inside a longer word it is not a token of that shape.
      expect(redactText(`abc${shape}`), shape).toBe(`abc${shape}`);
    }
    expect(redactText(`${JWT.slice(0, -6)}`)).toBe(R);
    expect(redactText('1//0abcdefgh')).toBe('1//0abcdefgh');
    expect(redactText(`AIza${'B'.repeat(29)}`)).toBe(`AIza${'B'.repeat(29)}`);
  });

  it('userinfo in a URL anywhere in text, and in the URL field without // or without a scheme', async () => {
    const { redactText, redactUrl } = await fresh();
    expect(redactText('https://user:pass@host/x')).toBe(`https://${R}@host/x`);
    expect(redactText('see svn+ssh://u:p@h/x, then')).toBe(`see svn+ssh://${R}@h/x, then`);
    expect(redactText('https://host/a@b')).toBe('https://host/a@b');
    // A one-letter scheme: the match must start at the scheme itself.
    expect(redactText('see a://u:p@h')).toBe(`see a://${R}@h`);
    expect(redactText('a://u:p@h')).toBe(`a://${R}@h`);
    expect(redactUrl('https:user:pw@host/x')).toBe(`https:${R}@host/x`);
    expect(redactUrl('  https:u@h')).toBe(`  https:${R}@h`);
    expect(redactUrl('https:/u@h')).toBe(`https:/${R}@h`);
    expect(redactUrl('//user:pw@host')).toBe(`//${R}@host`);
    expect(redactUrl('\\\\user@host')).toBe(`\\\\${R}@host`);
    expect(redactUrl('/user@host')).toBe('/user@host');
    // Only the URL's own userinfo: an address further on is not one.
    expect(redactUrl('https://host/p?to=mailto:ada@example.com')).toBe('https://host/p?to=mailto:ada@example.com');
  });

  it('name=value pairs: at the start, after any separator, encoded, an empty value kept', async () => {
    const { redactText, redactUrl } = await fresh();
    expect(redactText('access_token=abc')).toBe(`access_token=${R}`);
    // After white space the whole name counts: `sig` is a credential, `ig` would not be.
    expect(redactText('x sig=abc')).toBe(`x sig=${R}`);
    expect(redactUrl('https://x/?a=1&access_token=a%41b&x=1')).toBe(`https://x/?a=1&access_token=${R}&x=1`);
    expect(redactUrl('https://x/#state=1&code=abc')).toBe(`https://x/#state=1&code=${R}`);
    expect(redactText('{"q": "x", "u": "y;password=hunter2"}'.replace(/"/g, "'"))).toContain(`password=${R}`);
    expect(redactText('a%26token%3Dabc')).toBe(`a%26token%3D${R}`);
    expect(redactUrl('https://x/?access_token=&a=1')).toBe('https://x/?access_token=&a=1');
    expect(redactUrl('https://x/?co%64e=abc')).toBe(`https://x/?co%64e=${R}`);
    expect(redactUrl('https://x/?access_token%=abc')).toBe(`https://x/?access_token%=${R}`);
    // A URL nested in a harmless parameter is searched too.
    expect(redactText('next=https%3A%2F%2Fx%2F%3Faccess_token%3Dabc')).toBe(`next=https%3A%2F%2Fx%2F%3Faccess_token%3D${R}`);
  });

  it('JSON-like text that does not parse: string and bare values of credential fields', async () => {
    const { redactText } = await fresh();
    expect(redactText('{"access_token": "abc", ')).toBe(`{"access_token": "${R}", `);
    expect(redactText('{"access_token":"a b",')).toBe(`{"access_token":"${R}",`);
    expect(redactText('{"access_token"  :  "a\\"b"')).toBe(`{"access_token"  :  "${R}"`);
    expect(redactText('{"password": hunter2,')).toBe(`{"password": "${R}",`);
    expect(redactText('{"password":hunter2}')).toBe(`{"password":"${R}"}`);
    expect(redactText('{"secret": "cut')).toBe(`{"secret": "${R}"`);
    expect(redactText('{"secret": "cut short')).toBe(`{"secret": "${R}"`);
    expect(redactText('{"name": "Ada", ')).toBe('{"name": "Ada", ');
  });

  it('JSON bodies: nulls and arrays kept as they are, credential fields at any depth, nothing below 64 levels', async () => {
    const { redactDraft } = await fresh();
    const draft = (body: string): RequestDraft => ({ method: 'POST', url: 'https://x/', query: [], headers: [], body });
    const out = (body: string) => JSON.parse(redactDraft(draft(body)).body) as Record<string, unknown>;
    expect(out('{"a": null, "list": [1, {"pwd": "x"}], "access_token": "t"}')).toEqual({ a: null, list: [1, { pwd: R }], access_token: R });
    const nest = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : { n: nest(depth - 1, leaf) });
    const at = (value: unknown, depth: number): unknown => (depth === 0 ? value : at((value as { n: unknown }).n, depth - 1));
    const deep = out(JSON.stringify({ access_token: 't', n: nest(70, 'leaf') }));
    expect(at(deep, 63)).toEqual({ n: R });
    const arrays = (depth: number): unknown => (depth === 0 ? 'leaf' : [arrays(depth - 1)]);
    const deepArrays = out(JSON.stringify({ access_token: 't', n: arrays(70) }));
    let cursor: unknown = deepArrays.n;
    for (let i = 1; i < 63; i += 1) cursor = (cursor as unknown[])[0];
    expect(cursor).toEqual([R]);
    // A blank body stays blank; a body with nothing to hide stays exactly as typed.
    expect(redactDraft(draft('  ')).body).toBe('  ');
    expect(redactDraft(draft('{ "a":1 }')).body).toBe('{ "a":1 }');
  });
});
