// Runs the examples of docs/local-api.md (curl, Python requests, Node fetch) against a local API
// wired to an oidc-provider peer, so the documentation cannot drift from the server.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApiWorld } from '../core/local-api-harness';
import { installGoogleApiFixtures } from '../support/api-fixtures';
import { completeAuthorization } from '../support/browser';
import { removeAllTempDirs } from '../support/temp-dir';

const DOC = readFileSync(new URL('../../docs/local-api.md', import.meta.url), 'utf8');
const BLOCKS = [...DOC.matchAll(/```(sh|python|js)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1] as string, code: m[2] as string }));
const HAS_REQUESTS = spawnSync('python3', ['-c', 'import requests'], { stdio: 'ignore' }).status === 0;

let world: LocalApiWorld;
beforeAll(async () => {
  world = await startLocalApi();
  installGoogleApiFixtures(world.h.peer);
  await world.h.connect('google_gmail');
});
afterAll(async () => {
  await world.h.close();
  removeAllTempDirs();
});

const COMMANDS: Record<string, (code: string) => [string, string[]]> = {
  sh: (code) => ['bash', ['-euo', 'pipefail', '-c', code]],
  python: (code) => ['python3', ['-c', code]],
  js: (code) => [process.execPath, ['--input-type=module', '-e', code]],
};

/** Runs one example; a sign-in link it prints is followed by the test browser, as a person would. */
function run(lang: string, code: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const [command, args] = (COMMANDS[lang] as (code: string) => [string, string[]])(code.replaceAll('http://127.0.0.1:7431', world.base));
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, JUNCTION_KEY: world.key.key } });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill(), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const link = /Open this link to sign in: (\S+)/.exec(stdout);
      if (link?.[1] && !stdout.includes('[followed]')) {
        stdout += '[followed]';
        void completeAuthorization(link[1]);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

describe('docs/local-api.md examples', () => {
  it('has curl, Python and Node examples', () => {
    expect(BLOCKS.map((b) => b.lang)).toEqual(['sh', 'python', 'js']);
  });

  for (const [index, { lang, code }] of BLOCKS.entries()) {
    it(`example ${index + 1} (${lang}) runs against the server`, async (context) => {
      if (lang === 'python' && !HAS_REQUESTS) {
        console.warn('Skipping the Python example: python3 with the requests package is not installed.');
        context.skip();
      }
      const result = await run(lang, code);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).not.toMatch(/"error"/);
      expect(result.stdout).not.toContain(world.key.key);
      if (lang === 'sh') expect(result.stdout).toContain('emailAddress');
      if (lang === 'python') expect(result.stdout).toMatch(/Connected: ada@example.com\nMessages: 1234/);
      if (lang === 'js') expect(JSON.parse(result.stdout.replaceAll("'", '"'))).toEqual(expect.any(Array));
    });
  }
});
