// Deep links: only the OAuth callback gets through, from argv or any other source, queued until
// the core is ready.
import { describe, expect, it, vi } from 'vitest';
import { createDeepLinkQueue, findProtocolUrlInArgv, isOAuthCallbackUrl, registerProtocolClient } from '../../src-main/shell/deep-links';

const CALLBACK = 'junction://oauth/callback?code=c&state=s';

describe('isOAuthCallbackUrl', () => {
  it.each([
    CALLBACK,
    'junction://oauth/callback',
    'junction://oauth/callback?error=access_denied&state=s&iss=x',
    'JUNCTION://oauth/callback?code=1',
  ])('accepts %s', (url) => {
    expect(isOAuthCallbackUrl(url)).toBe(true);
  });
  it.each([
    'junction://oauth/callback/extra',
    'junction://oauth/callbackX',
    'junction://oauth.evil/callback',
    'junction://user:pw@oauth/callback',
    'junction:/oauth/callback',
    'junction://settings',
    'https://oauth/callback?code=1',
    'http://127.0.0.1/callback?code=1',
    'file:///oauth/callback',
    'not a url',
    '',
  ])('rejects %s', (url) => {
    expect(isOAuthCallbackUrl(url)).toBe(false);
  });
});

describe('findProtocolUrlInArgv', () => {
  it('takes the link from the end of the command line, past trailing switches', () => {
    expect(findProtocolUrlInArgv(['/opt/junction', CALLBACK])).toBe(CALLBACK);
    expect(findProtocolUrlInArgv(['electron.exe', 'C:\\app', '--allow-file-access-from-files', CALLBACK, '--flag'])).toBe(CALLBACK);
    expect(findProtocolUrlInArgv(['/opt/junction', '--no-sandbox'])).toBeUndefined();
    expect(findProtocolUrlInArgv([])).toBeUndefined();
  });
});

describe('createDeepLinkQueue', () => {
  const log = () => ({ info: vi.fn(), warn: vi.fn() });

  it('queues callbacks until a handler attaches, then delivers in order and directly after', async () => {
    const queue = createDeepLinkQueue(log());
    queue.push(`${CALLBACK}1`);
    queue.push(`${CALLBACK}2`);
    expect(queue.pending).toBe(2);
    const handled: string[] = [];
    queue.attach(async (url) => (handled.push(url), true));
    queue.push(`${CALLBACK}3`);
    await Promise.resolve();
    expect(handled).toEqual([`${CALLBACK}1`, `${CALLBACK}2`, `${CALLBACK}3`]);
    expect(queue.pending).toBe(0);
  });

  it('drops anything that is not the callback, before and after attaching', () => {
    const logger = log();
    const queue = createDeepLinkQueue(logger);
    queue.push('junction://settings/reset');
    expect(queue.pending).toBe(0);
    const handler = vi.fn(async () => true);
    queue.attach(handler);
    queue.push('https://example.com/');
    expect(handler).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('keeps a bounded queue and never logs the link (it carries a code)', async () => {
    const logger = log();
    const queue = createDeepLinkQueue(logger);
    for (let i = 0; i < 50; i += 1) queue.push(`${CALLBACK}${i}`);
    expect(queue.pending).toBe(20);
    queue.attach(async () => {
      throw new Error('no pending flow');
    });
    await new Promise((resolve) => setImmediate(resolve));
    const logged = [...logger.info.mock.calls, ...logger.warn.mock.calls].flat().join('\n');
    expect(logged).not.toContain('code=c');
  });
});

describe('registerProtocolClient', () => {
  it('passes the app path in a development run so the OS launches this app, not bare Electron', () => {
    const app = { setAsDefaultProtocolClient: vi.fn(() => true) };
    registerProtocolClient(app, { defaultApp: true, execPath: '/usr/bin/electron', argv: ['/usr/bin/electron', '.'] }, (p) => `/abs/${p}`);
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith('junction', '/usr/bin/electron', ['/abs/.']);
  });
  it('finds the app path past switches that tools put before it', () => {
    const app = { setAsDefaultProtocolClient: vi.fn(() => true) };
    registerProtocolClient(
      app,
      { defaultApp: true, execPath: '/usr/bin/electron', argv: ['/usr/bin/electron', '--inspect=0', '--remote-debugging-port=0', '/repo'] },
      (p) => p,
    );
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith('junction', '/usr/bin/electron', ['/repo']);
  });
  it('registers plainly in a packaged app', () => {
    const app = { setAsDefaultProtocolClient: vi.fn(() => true) };
    registerProtocolClient(app, { execPath: '/opt/Junction/junction', argv: ['/opt/Junction/junction'] }, (p) => p);
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith('junction');
  });
});
