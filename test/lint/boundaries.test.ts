// The folder boundaries are lint rules (eslint.config.js): each one shown catching a deliberate
// violation, linted as if the file stood in that folder, and letting the allowed import through.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('process boundaries', () => {
  it.each([
    ['src-renderer/features/probe.ts', "import type { Connection } from '../../src-main/core/connection-view';", /only src-shared/],
    ['src-renderer/features/probe.ts', "import { createBridge } from '../../src-preload/bridge';", /only src-shared/],
    ['src-renderer/probe.ts', "import { readFileSync } from 'node:fs';", /no Node modules/],
    ['src-renderer/probe.ts', "import { ipcRenderer } from 'electron';", /window\.junction/],
    ['src-preload/probe.ts', "import { schemas } from '../src-main/core/ipc/contract';", /only src-shared/],
    ['src-preload/probe.ts', "import { z } from 'zod';", /no zod/],
    ['src-shared/probe.ts', "import { z } from 'zod';", /zod schemas live/],
    ['src-shared/probe.ts', "import { join } from 'node:path';", /no Node modules/],
    ['src-shared/probe.ts', "import { CoreError } from '../src-main/core/errors';", /only its own files/],
    ['src-main/core/probe.ts', "import { app } from 'electron';", /plain Node/],
    ['src-main/core/probe.ts', "import { createLogger } from '../shell/logger';", /never imports the Electron shell/],
  ])('%s: refuses %s', async (file, code, message) => {
    const errors = await importErrors(file, code);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });

  it.each([
    ['src-renderer/features/probe.ts', "import type { Connection } from '../../src-shared/types';"],
    ['src-preload/probe.ts', "import { isChannel } from '../src-shared/channels';"],
    ['src-preload/probe.ts', "import { contextBridge } from 'electron';"],
    ['src-shared/probe.ts', "import type { Connection } from './types';"],
    ['src-main/core/probe.ts', "import { CHANNELS } from '../../src-shared/channels';"],
  ])('%s: allows %s', async (file, code) => {
    expect(await importErrors(file, code)).toEqual([]);
  });
});
