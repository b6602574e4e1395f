// Real Chromium for the renderer's end-to-end tests and the bench (Debian's /usr/bin/chromium, launched as root without its sandbox).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** `CHROMIUM_PATH`, else Debian's /usr/bin/chromium, else Playwright's own browser (undefined). */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) return fromEnv;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return undefined;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  try {
    return await chromium.launch({ headless: true, args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
  } catch (error) {
    const hint = executablePath
      ? `Chromium at ${executablePath} did not start.`
      : 'No Chromium found: set CHROMIUM_PATH, or `apt-get install -y chromium`.';
    throw new Error(`${hint} ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
