// window-state.json on disk: written and read back, the layout electron-store left behind still
// read, and a missing, malformed, oversized or unwritable file never stops the window from opening.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_STATE_FILE_BYTES, windowStateFile } from '../../src-main/shell/window-state-file';
import { DEFAULT_WINDOW_STATE, readWindowState } from '../../src-main/shell/window-state';
import { makeTempDir, removeAllTempDirs } from '../support/temp-dir';

afterEach(() => removeAllTempDirs());

const saved = { x: 10, y: 20, width: 900, height: 600, maximized: true };

describe('window-state.json', () => {
  it('writes the state and reads it back, leaving no temporary file', () => {
    const path = join(makeTempDir('junction-wsf-'), 'window-state.json');
    const store = windowStateFile(path, () => expect.unreachable());
    store.set('window', saved);
    expect(readWindowState(windowStateFile(path, () => undefined))).toEqual(saved);
    expect(existsSync(`${path}.tmp`)).toBe(false);
  });

  it('reads the file electron-store wrote for earlier versions', () => {
    const path = join(makeTempDir('junction-wsf-'), 'window-state.json');
    writeFileSync(path, JSON.stringify({ window: saved }, undefined, '\t'));
    expect(readWindowState(windowStateFile(path, () => undefined))).toEqual(saved);
  });

  it.each([
    ['missing', undefined],
    ['not JSON', '{"window": {"width": 900'],
    ['JSON null', 'null'],
    ['a JSON string', '"window"'],
  ])('answers defaults when the file is %s', (_name, content) => {
    const path = join(makeTempDir('junction-wsf-'), 'window-state.json');
    if (content !== undefined) writeFileSync(path, content);
    expect(readWindowState(windowStateFile(path, () => undefined))).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('does not parse a file larger than any state it writes', () => {
    const path = join(makeTempDir('junction-wsf-'), 'window-state.json');
    writeFileSync(path, JSON.stringify({ window: saved, padding: 'x'.repeat(MAX_STATE_FILE_BYTES) }));
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expect(readWindowState(windowStateFile(path, () => undefined))).toEqual(DEFAULT_WINDOW_STATE);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('reports a failed write instead of throwing (the save runs from a timer)', () => {
    const dir = makeTempDir('junction-wsf-');
    // A directory where the temporary file should go makes the write fail.
    const path = join(dir, 'window-state.json');
    mkdirSync(`${path}.tmp`);
    const errors: string[] = [];
    expect(() => windowStateFile(path, (message) => errors.push(message)).set('window', saved)).not.toThrow();
    expect(errors).toEqual([expect.stringMatching(/^Could not save the window's position: /)]);
    expect(existsSync(path)).toBe(false);
  });

  it('writes the tab-indented layout electron-store used', () => {
    const path = join(makeTempDir('junction-wsf-'), 'window-state.json');
    windowStateFile(path, () => undefined).set('window', saved);
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify({ window: saved }, undefined, '\t')}\n`);
  });
});
