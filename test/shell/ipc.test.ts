// IPC handlers: generated from the contract, refusing foreign frames, answering in envelopes.
import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CoreError } from '../../src-main/core/errors';
import { CHANNELS } from '../../src-shared/channels';
import type { CoreEvent } from '../../src-shared/types';
import { ERROR_CODES } from '../../src-shared/types';
import {
  REFUSED_SENDER,
  appOrigins,
  createSenderCheck,
  forwardCoreEvents,
  registerIpcHandlers,
  toEnvelope,
} from '../../src-main/shell/ipc';
import { EVENT_CHANNEL } from '../../src-preload/bridge';

type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>;

const OWN_CONTENTS_ID = 7;
const origins = appOrigins('app://junction', undefined);
const check = createSenderCheck(origins, (id) => id === OWN_CONTENTS_ID);
const log = { warn: vi.fn(), error: vi.fn() };

function frame(url: string, parent: unknown = null) {
  return { url, parent };
}

function event(senderFrame: unknown, contentsId = OWN_CONTENTS_ID): IpcMainInvokeEvent {
  return { sender: { id: contentsId }, senderFrame } as unknown as IpcMainInvokeEvent;
}

function setup(invoke: (channel: string, payload: unknown) => Promise<unknown>) {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => {
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => {
      handlers.delete(channel);
    }),
  };
  const core = { invokeUntrusted: vi.fn(invoke) };
  const dispose = registerIpcHandlers(ipcMain, core, check, log);
  return { handlers, core, dispose, ipcMain };
}

const APP_PAGE = event(frame('app://junction/index.html'));

describe('registerIpcHandlers', () => {
  it('registers one handler per contract channel and removes them all again', () => {
    const { handlers, dispose, ipcMain } = setup(async () => null);
    expect([...handlers.keys()]).toEqual([...CHANNELS]);
    expect(new Set(handlers.keys()).size).toBe(CHANNELS.length);
    dispose();
    expect(handlers.size).toBe(0);
    expect(ipcMain.removeHandler).toHaveBeenCalledTimes(CHANNELS.length);
  });

  it('passes channel and payload to the core and wraps the result', async () => {
    const { handlers, core } = setup(async (channel) => ({ from: channel }));
    await expect(handlers.get('oauth.start')?.(APP_PAGE, { service: 'spotify' })).resolves.toEqual({
      ok: true,
      data: { from: 'oauth.start' },
    });
    expect(core.invokeUntrusted).toHaveBeenCalledWith('oauth.start', { service: 'spotify' });
  });

  it.each(ERROR_CODES)('carries the core error code %s and its message in the envelope', async (code) => {
    const { handlers } = setup(async () => {
      throw new CoreError(code, `what to do about ${code}`);
    });
    await expect(handlers.get('api.request')?.(APP_PAGE, {})).resolves.toEqual({
      ok: false,
      error: { code, message: `what to do about ${code}` },
    });
  });

  it('hides the details of an uncoded error behind a generic message and logs it', async () => {
    log.error.mockClear();
    const { handlers } = setup(async () => {
      throw new TypeError('cannot read properties of undefined (reading refresh_token=abc)');
    });
    const result = (await handlers.get('connections.list')?.(APP_PAGE, {})) as { ok: false; error: { code: string; message: string } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('internal');
    expect(result.error.message).not.toMatch(/undefined|refresh_token/);
    expect(log.error).toHaveBeenCalledTimes(1);
  });

  const foreign: Array<[string, IpcMainInvokeEvent]> = [
    ['an iframe of the app page', event(frame('app://junction/index.html', frame('app://junction/index.html')))],
    ['a web page', event(frame('https://accounts.google.com/signin'))],
    ['another app:// host', event(frame('app://evil/index.html'))],
    ['a file:// page', event(frame('file:///tmp/index.html'))],
    ['a destroyed frame', event(null)],
    ['an unparsable URL', event(frame('not a url'))],
    ['the app page in a WebContents that is not ours', event(frame('app://junction/index.html'), 99)],
  ];
  it.each(foreign)('refuses %s without reaching the core', async (_name, sender) => {
    const { handlers, core } = setup(async () => 'secret data');
    for (const channel of CHANNELS) {
      await expect(handlers.get(channel)?.(sender, {})).resolves.toEqual({ ok: false, error: REFUSED_SENDER });
    }
    expect(core.invokeUntrusted).not.toHaveBeenCalled();
  });

  it('accepts the dev server origin only when one is configured', () => {
    const devCheck = createSenderCheck(appOrigins('app://junction', 'http://localhost:5173/'), () => true);
    expect(devCheck(event(frame('http://localhost:5173/index.html')))).toBe(true);
    expect(check(event(frame('http://localhost:5173/index.html')))).toBe(false);
  });
});

describe('toEnvelope', () => {
  it('treats an object with an unknown code as uncoded', async () => {
    const envelope = await toEnvelope(async () => Promise.reject({ code: 'EACCES', message: '/home/ada/.config' }), log, 'x');
    expect(envelope).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'reauth_required'],
    ['a known code with a message that is not a string', { code: 'not_found', message: 42 }],
    ['a known code without a message', { code: 'not_found' }],
  ])('answers internal, never rejecting, for %s thrown', async (_name, thrown) => {
    const envelope = await toEnvelope(async () => Promise.reject(thrown), log, 'x');
    expect(envelope).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message:
          'Junction hit a bug and could not finish this. Try again; if it keeps happening, the log (Help → Open Logs Folder) has details.',
      },
    });
  });

  it("logs the channel and the error's name and message, or the thrown value in words", async () => {
    log.error.mockClear();
    await toEnvelope(async () => Promise.reject(new RangeError('out of range')), log, 'api.request');
    await toEnvelope(async () => Promise.reject('plain words'), log, 'app.info');
    expect(log.error.mock.calls).toEqual([
      ['Unexpected failure on api.request: RangeError: out of range'],
      ['Unexpected failure on app.info: plain words'],
    ]);
  });

  it("carries a coded error's own code and message", async () => {
    expect(await toEnvelope(async () => Promise.reject({ code: 'timeout', message: 'Try again.' }), log, 'x')).toEqual({
      ok: false,
      error: { code: 'timeout', message: 'Try again.' },
    });
  });
});

// The two fixed answers are built when ipc.ts loads: loaded afresh inside the test, so a change to
// either (a mutant included) shows here, not only in a copy the test imported at collection time.
describe('the fixed answers, as the module builds them', () => {
  it('refusal and internal error say what happened and what to do', async () => {
    vi.resetModules();
    const fresh = await import('../../src-main/shell/ipc');
    expect(fresh.REFUSED_SENDER).toEqual({ code: 'access_denied', message: 'This page is not allowed to use Junction.' });
    const internal = await fresh.toEnvelope(async () => Promise.reject(new Error('bug')), log, 'x');
    expect(internal).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message:
          'Junction hit a bug and could not finish this. Try again; if it keeps happening, the log (Help → Open Logs Folder) has details.',
      },
    });
  });
});

describe('the refusal', () => {
  it('tells the page it may not use Junction, and logs which channel was refused', async () => {
    log.warn.mockClear();
    const { handlers } = setup(async () => null);
    expect(await handlers.get('app.info')?.(event(frame('https://evil.example/')), {})).toEqual({
      ok: false,
      error: { code: 'access_denied', message: 'This page is not allowed to use Junction.' },
    });
    expect(log.warn).toHaveBeenCalledWith("Refused app.info from a frame that is not Junction's own page.");
  });
});

describe('missingScopes in the envelope', () => {
  it("keeps a coded error's missingScopes for Grant access, and nothing else of it", async () => {
    const scopes = ['https://www.googleapis.com/auth/gmail.send'];
    const error = new CoreError('access_denied', 'needs gmail.send', { missingScopes: scopes, cause: new Error('stack here') });
    const envelope = await toEnvelope(async () => Promise.reject(error), log, 'actions.run');
    expect(envelope).toEqual({ ok: false, error: { code: 'access_denied', message: 'needs gmail.send', missingScopes: scopes } });
    expect(await toEnvelope(async () => Promise.reject(new CoreError('timeout', 'slow')), log, 'x')).toEqual({
      ok: false,
      error: { code: 'timeout', message: 'slow' },
    });
    // Anything but a short list of strings is dropped, not passed on.
    for (const missingScopes of ['gmail.send', [1], Array(51).fill('x'), ['x'.repeat(257)], [], [''], ['a', 1], [{ length: 3 }]]) {
      const shaped = await toEnvelope(async () => Promise.reject({ code: 'access_denied', message: 'm', missingScopes }), log, 'x');
      expect(shaped).toEqual({ ok: false, error: { code: 'access_denied', message: 'm' } });
    }
    // At the bounds: 50 scopes, and a scope of 256 characters, are still passed on.
    for (const missingScopes of [Array.from({ length: 50 }, (_, i) => `scope.${i}`), ['x'.repeat(256)], ['a']]) {
      const shaped = await toEnvelope(async () => Promise.reject({ code: 'access_denied', message: 'm', missingScopes }), log, 'x');
      expect(shaped).toEqual({ ok: false, error: { code: 'access_denied', message: 'm', missingScopes } });
    }
  });
});

describe('forwardCoreEvents', () => {
  it('sends each core event to live windows only', () => {
    let emit: (event: CoreEvent) => void = () => undefined;
    const core = { onEvent: (listener: (event: CoreEvent) => void) => ((emit = listener), () => undefined) };
    const live = { isDestroyed: () => false, send: vi.fn() };
    const dead = { isDestroyed: () => true, send: vi.fn() };
    forwardCoreEvents(core, () => [live, dead]);
    emit({ type: 'oauth.finished', state: 's', ok: false, error: { code: 'cancelled', message: 'Cancelled.' } });
    expect(live.send).toHaveBeenCalledWith(EVENT_CHANNEL, {
      type: 'oauth.finished',
      state: 's',
      ok: false,
      error: { code: 'cancelled', message: 'Cancelled.' },
    });
    expect(dead.send).not.toHaveBeenCalled();
  });
});
