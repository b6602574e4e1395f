// The one check that no secret sits on disk readable without the keyring. Looking for the literal
// token is not enough: a store that wrote base64 or hex of its plaintext would pass that (a
// mutant did). So every file is searched as bytes, as UTF-16, and through whatever its base64,
// base64url and hex runs decode to, two levels deep; the token's own base64 would only match at
// one of three alignments inside a longer encoded document, so the runs are decoded instead.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Cipher } from '../../src-main/core/options';

const BASE64_RUN = /[A-Za-z0-9+/_-]{12,}={0,2}/g;
const HEX_RUN = /[0-9a-fA-F]{16,}/g;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** What the runs of base64 and hex in `bytes` decode to, at every alignment. */
function decodedRuns(bytes: Buffer): Buffer[] {
  const text = bytes.toString('latin1');
  const out: Buffer[] = [];
  for (const [run] of text.matchAll(BASE64_RUN)) {
    for (let skip = 0; skip < 4; skip += 1) out.push(Buffer.from(run.slice(skip), 'base64'));
  }
  for (const [run] of text.matchAll(HEX_RUN)) {
    for (let skip = 0; skip < 2; skip += 1) out.push(Buffer.from(run.slice(skip, run.length - ((run.length - skip) % 2)), 'hex'));
  }
  return out;
}

function forms(bytes: Buffer, depth: number): { form: string; bytes: Buffer }[] {
  const here = [{ form: 'as it is', bytes }];
  if (depth === 0) return here;
  return [...here, ...decodedRuns(bytes).flatMap((decoded) => forms(decoded, depth - 1).map((f) => ({ ...f, form: 'decoded' })))];
}

/**
 * Where any of `secrets` can be read under `dir` without the key: "<file>: <form>" per finding.
 * Throws when there is nothing to look for, so a check over an empty list cannot pass vacuously.
 */
export function secretsReadableOnDisk(dir: string, secrets: readonly string[]): string[] {
  const wanted = secrets.filter((secret) => secret !== '');
  if (wanted.length === 0) throw new Error('secretsReadableOnDisk: no secrets to look for');
  for (const secret of wanted) if (secret.length < 10) throw new Error(`secretsReadableOnDisk: "${secret}" is too short to look for`);
  const findings = new Set<string>();
  for (const file of filesUnder(dir)) {
    for (const { form, bytes } of forms(readFileSync(file), 2)) {
      for (const secret of wanted) {
        const name = `${relative(dir, file)}: ${secret.slice(0, 6)}… ${form}`;
        if (bytes.includes(Buffer.from(secret, 'utf8'))) findings.add(name);
        if (bytes.includes(Buffer.from(secret, 'utf16le'))) findings.add(`${name} (UTF-16)`);
      }
    }
  }
  return [...findings];
}

/**
 * The vault file decrypted with the test's cipher, connection id → its secrets: what a thief with
 * the keyring would read, and proof that the check above looked where the tokens really are. A
 * version 2 store keeps the secrets in the grant a connection points at (one per account); a
 * version 1 store kept them in each connection.
 */
export function decryptVault(
  dataDir: string,
  cipher: Pick<Cipher, 'decrypt'>,
): Record<string, { accessToken: string; refreshToken?: string }> {
  const file = JSON.parse(readFileSync(join(dataDir, 'connections.json'), 'utf8')) as {
    connections: Record<string, { secret?: string; grantId?: string }>;
    grants?: Record<string, { secret: string }>;
  };
  return Object.fromEntries(
    Object.entries(file.connections).map(([id, record]) => {
      const secret = record.grantId !== undefined ? file.grants?.[record.grantId]?.secret : record.secret;
      if (secret === undefined) throw new Error(`decryptVault: connection ${id} has no secret on disk`);
      return [id, JSON.parse(cipher.decrypt(Buffer.from(secret, 'base64')))];
    }),
  );
}
