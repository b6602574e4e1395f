// JsonStore on its own, in this process: each write made durable by an fsync of the directory (seen
// through the fs trace the crash tests put on their child processes; conf's own atomic writes are
// checked there, since its libraries bind fs before a trace installed here could see them),
// leftovers of cut writes removed, an unreadable file set aside with a notice, owner-only modes.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { JsonStore } from '../../src-main/core/vault/json-store';
import { installFsTrace } from '../support/fs-trace';
import { readFsTrace } from '../support/core-child-client';

// The trace patches node:fs for the whole worker and cannot be taken off, so it is put on once
// per process, on one directory emptied before each test.
const shared = globalThis as { junctionJsonStoreTrace?: { dir: string; log: string } };
const trace = (shared.junctionJsonStoreTrace ??= (() => {
  const base = join(tmpdir(), `junction-json-store-${process.pid}-${Date.now()}`);
  const dir = join(base, 'data');
  mkdirSync(dir, { recursive: true });
  installFsTrace(dir, join(base, 'fs-trace.log'));
  return { dir, log: join(base, 'fs-trace.log') };
})());
const dir = trace.dir;
const NOW = Date.parse('2026-11-23T12:34:56.789Z');
type Doc = { version: number; items: Record<string, unknown>; note: string };
const DEFAULTS: Doc = { version: 1, items: {}, note: '' };
const open = () => new JsonStore<Doc>(dir, 'things', DEFAULTS, () => NOW);

beforeEach(() => {
  for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
  writeFileSync(trace.log, '');
});

describe('JsonStore', () => {
  it('fsyncs the directory after opening and after each write, so a rename survives a power cut', () => {
    const dirsyncs = () => readFsTrace(trace.log).filter((e) => e.op === 'dirsync' && e.path === dir).length;
    const store = open();
    const afterOpen = dirsyncs();
    expect(afterOpen).toBeGreaterThanOrEqual(1);
    store.set('items', { a: 1 });
    expect(dirsyncs()).toBe(afterOpen + 1);
    store.set('note', 'second');
    expect(dirsyncs()).toBe(afterOpen + 2);
    expect(JSON.parse(readFileSync(join(dir, 'things.json'), 'utf8'))).toEqual({ version: 1, items: { a: 1 }, note: 'second' });
    expect(store.get('note')).toBe('second');
    expect(store.path).toBe(join(dir, 'things.json'));
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
  });

  it("removes its own cut writes' temporary files and nothing else", () => {
    const keep = ['other.json.tmp-12345678901234ab', 'things.json', 'things.jsonx', 'xthings.json.tmp-1'];
    writeFileSync(join(dir, 'things.json'), JSON.stringify({ version: 1, items: { kept: true }, note: '' }));
    for (const name of ['things.json.tmp-1234567890abcdef', 'things.json.tmp-', ...keep.slice(2), keep[0] ?? '']) {
      writeFileSync(join(dir, name), '{"secret":"old"}');
    }
    const store = open();
    expect(readdirSync(dir).sort()).toEqual(keep.sort());
    expect(store.get('items')).toEqual({ kept: true });
    expect(store.notice).toBeNull();
  });

  it.each([
    ['not JSON', '{"version":1,'],
    ['an array', '[1,2]'],
    ['a string', '"text"'],
    ['null', 'null'],
    ['a defaulted key of another kind (array for object)', '{"version":1,"items":[]}'],
    ['a defaulted key of another kind (null for object)', '{"version":1,"items":null}'],
    ['a defaulted key of another kind (string for number)', '{"version":"1"}'],
  ])('sets aside a file holding %s under a timestamped name, says so, and starts empty', (_name, content) => {
    writeFileSync(join(dir, 'things.json'), content);
    const store = open();
    const movedTo = join(dir, 'things.json.damaged-2026-11-23T12-34-56-789Z');
    expect(store.notice).toEqual({
      file: join(dir, 'things.json'),
      movedTo,
      message: `Junction could not read things.json, so it kept a copy at ${movedTo} and started that part afresh.`,
    });
    expect(readFileSync(movedTo, 'utf8')).toBe(content);
    expect(store.get('items')).toEqual({});
    expect(store.get('version')).toBe(1);
  });

  it('a file damaged while the store is open is neither cleared nor written over: reads and writes fail instead', () => {
    const store = open();
    store.set('items', { kept: true });
    const damaged = '{"version":1,"items":{"kept":tr';
    writeFileSync(store.path, damaged);
    expect(() => store.get('items')).toThrow(SyntaxError);
    expect(() => store.setMany({ note: 'over it' })).toThrow(SyntaxError);
    expect(readFileSync(store.path, 'utf8')).toBe(damaged);
  });

  it('keeps a readable file as it is: unknown keys, and keys without a default, of any kind', () => {
    const content = { version: 2, items: { x: [1] }, note: 'n', extra: [1, 2], other: null };
    writeFileSync(join(dir, 'things.json'), JSON.stringify(content));
    const store = open();
    expect(store.notice).toBeNull();
    expect(store.get('version')).toBe(2);
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual(content);
    expect(readdirSync(dir)).toEqual(['things.json']);
  });

  it('keeps a file that lacks a defaulted key, filling the default in', () => {
    writeFileSync(join(dir, 'things.json'), JSON.stringify({ version: 3 }));
    const store = open();
    expect(store.notice).toBeNull();
    expect(store.get('version')).toBe(3);
    expect(store.get('items')).toEqual({});
  });

  it('creates a directory that does not exist yet', () => {
    const store = new JsonStore<Doc>(join(dir, 'new', 'deeper'), 'things', DEFAULTS, () => NOW);
    store.set('note', 'here');
    expect(JSON.parse(readFileSync(join(dir, 'new', 'deeper', 'things.json'), 'utf8')).note).toBe('here');
  });

  it('takes a key with a dot in it as one key, not a path', () => {
    const store = new JsonStore<{ 'a.b': number }>(dir, 'dotted', { 'a.b': 0 }, () => NOW);
    store.set('a.b', 1);
    expect(JSON.parse(readFileSync(join(dir, 'dotted.json'), 'utf8'))).toEqual({ 'a.b': 1 });
  });

  it.runIf(existsSync('/proc/self/fd'))('closes the directory it opens to fsync, every time', () => {
    const fds = () => readdirSync('/proc/self/fd').length;
    const store = open();
    store.set('note', 'warm-up');
    const before = fds();
    for (let i = 0; i < 50; i += 1) store.set('note', `n${i}`);
    expect(fds() - before).toBeLessThan(10);
  });
});
