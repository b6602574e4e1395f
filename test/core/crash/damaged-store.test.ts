import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src-shared/types';
import { removeAllTempDirs } from '../../support/temp-dir';
import { startHarness, type Harness } from '../harness';

// A store file damaged on disk (a crash of the disk, not of Junction: conf's atomic writes make
// these impossible from Junction itself): the app starts, keeps the damaged bytes aside under a
// timestamped name, says so once, and carries on with what it could read.
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

type Damage = { name: string; bytes(original: Buffer): Buffer };

const DAMAGES: Damage[] = [
  { name: 'truncated to its first byte', bytes: (b) => b.subarray(0, 1) },
  { name: 'truncated in the middle', bytes: (b) => b.subarray(0, Math.floor(b.length / 2)) },
  { name: 'missing its last byte', bytes: (b) => b.subarray(0, b.length - 1) },
  { name: 'filled with random bytes', bytes: () => randomBytes(700) },
  { name: 'zeroed (a power cut on some file systems)', bytes: (b) => Buffer.alloc(b.length) },
  { name: 'valid JSON of the wrong shape (an array)', bytes: () => Buffer.from('[1,2,3]') },
];

const stamp = /\.damaged-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z)$/;

function setAside(dir: string, file: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith(`${file}.damaged-`));
}

/** A harness with a Google connection and Google settings the person chose. */
async function withState(): Promise<{ h: Harness; connection: Connection }> {
  h = await startHarness({ kind: 'google' });
  await h.core.invoke('settings.setProvider', { provider: 'google', clientId: h.peer.clientId, clientSecret: h.peer.clientSecret });
  const connection = await h.connect('google_gmail');
  await h.core.close();
  return { h, connection };
}

async function noticesOf(h: Harness): Promise<string[]> {
  return (await h.core.invoke('app.info', {})).notices;
}

describe('a damaged connections.json', () => {
  for (const damage of DAMAGES) {
    it(`${damage.name}: starts, keeps it aside, says so once, keeps the settings, and connects again`, async () => {
      const { h, connection } = await withState();
      const file = join(h.dataDir, 'connections.json');
      const damaged = damage.bytes(readFileSync(file));
      writeFileSync(file, damaged);
      const before = Date.now();
      await h.restart();

      const aside = setAside(h.dataDir, 'connections.json');
      expect(aside).toHaveLength(1);
      const kept = aside[0] ?? '';
      expect(readFileSync(join(h.dataDir, kept))).toEqual(damaged);
      const when = Date.parse((stamp.exec(kept)?.[1] ?? '').replace(/T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/, 'T$1:$2:$3.$4Z'));
      expect(when).toBeGreaterThanOrEqual(before - 1);
      expect(when).toBeLessThanOrEqual(Date.now());

      const notices = await noticesOf(h);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain('could not read connections.json');
      expect(notices[0]).toContain(join(h.dataDir, kept));
      expect(await noticesOf(h)).toEqual([]);

      // What it could read: the settings file was fine.
      const settings = await h.core.invoke('settings.getProviders', {});
      expect(settings.find((s) => s.provider === 'google')).toMatchObject({
        clientId: h.peer.clientId,
        hasClientSecret: true,
        configured: true,
      });
      expect(await h.core.invoke('connections.list', {})).toEqual([]);
      const again = await h.connect('google_gmail');
      expect(again.id).not.toBe(connection.id);
      expect((await h.core.invoke('api.request', { connectionId: again.id, url: '/users/me/profile' })).status).toBe(200);
      // The new file is sound: the next start has nothing to say and the connection is there.
      await h.restart();
      expect(await noticesOf(h)).toEqual([]);
      expect((await h.core.invoke('connections.list', {})).map((c) => c.id)).toEqual([again.id]);
      expect(setAside(h.dataDir, 'connections.json')).toEqual(aside);
    });
  }
});

describe('a damaged settings.json', () => {
  for (const damage of DAMAGES) {
    it(`${damage.name}: starts, keeps it aside, says so once, and the connections still work`, async () => {
      const { h, connection } = await withState();
      const file = join(h.dataDir, 'settings.json');
      const damaged = damage.bytes(readFileSync(file));
      writeFileSync(file, damaged);
      await h.restart();

      const aside = setAside(h.dataDir, 'settings.json');
      expect(aside).toHaveLength(1);
      expect(readFileSync(join(h.dataDir, aside[0] ?? ''))).toEqual(damaged);
      const notices = await noticesOf(h);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain('could not read settings.json');
      expect(await noticesOf(h)).toEqual([]);
      // The connection file was fine; the client comes from the app's defaults meanwhile.
      expect(await h.core.invoke('connections.list', {})).toEqual([expect.objectContaining({ id: connection.id, status: 'connected' })]);
      expect((await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' })).status).toBe(200);
    });
  }
});

describe('both files damaged at once', () => {
  it('keeps both aside and says so once for each', async () => {
    const { h } = await withState();
    writeFileSync(join(h.dataDir, 'connections.json'), randomBytes(300));
    writeFileSync(join(h.dataDir, 'settings.json'), '{"version":1,"provid');
    await h.restart();
    const notices = await noticesOf(h);
    expect(notices).toHaveLength(2);
    expect(notices.join('\n')).toMatch(/settings\.json[\s\S]*connections\.json|connections\.json[\s\S]*settings\.json/);
    expect(setAside(h.dataDir, 'connections.json')).toHaveLength(1);
    expect(setAside(h.dataDir, 'settings.json')).toHaveLength(1);
    expect(await noticesOf(h)).toEqual([]);
    expect(await h.connect('google_gmail')).toMatchObject({ status: 'connected' });
  });

  it('damaged again later: the earlier copy is kept too', async () => {
    const { h } = await withState();
    const file = join(h.dataDir, 'connections.json');
    writeFileSync(file, 'first damage');
    await h.restart();
    await h.connect('google_gmail');
    await h.core.close();
    await new Promise((resolve) => setTimeout(resolve, 5));
    writeFileSync(file, 'second damage');
    await h.restart();
    const aside = setAside(h.dataDir, 'connections.json');
    expect(aside).toHaveLength(2);
    expect(aside.map((name) => readFileSync(join(h.dataDir, name), 'utf8')).sort()).toEqual(['first damage', 'second damage']);
  });
});

describe('one unreadable record among good ones', () => {
  it('keeps the good ones working, says so once, and the unreadable record stays in the file across later writes', async () => {
    const { h, connection } = await withState();
    const file = join(h.dataDir, 'connections.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as { connections: Record<string, unknown> };
    json.connections['from-the-future'] = { id: 'from-the-future', service: 'google_tasks', note: 'written by a newer Junction' };
    writeFileSync(file, JSON.stringify(json));
    await h.restart();
    const notices = await noticesOf(h);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/skipped 1 unreadable connection record/);
    expect((await h.core.invoke('connections.list', {})).map((c) => c.id)).toEqual([connection.id]);
    // A write (a refresh, a new connection) must not drop what this version could not read.
    h.peer.setAccount({ sub: 'user-2', email: 'grace@example.com', name: 'Grace Hopper' });
    await h.connect('google_gmail');
    const after = JSON.parse(readFileSync(file, 'utf8')) as { connections: Record<string, unknown> };
    expect(after.connections['from-the-future']).toEqual(json.connections['from-the-future']);
    expect(Object.keys(after.connections)).toHaveLength(3);
  });
});
