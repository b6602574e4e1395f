// The preload script itself: it exposes one object, `junction`, with exactly invoke and onEvent,
// over ipcRenderer, and hands the page neither ipcRenderer nor the IPC event.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreEvent } from '../../src-shared/types';
import { EVENT_CHANNEL, type JunctionBridge } from '../../src-preload/bridge';
import { createElectronDouble, electronModule, type ElectronDouble } from './electron-double';

const state = vi.hoisted(() => ({ electron: undefined as ElectronDouble | undefined }));
vi.mock('electron', () =>
  electronModule({
    get current() {
      return state.electron;
    },
  }),
);

async function loadPreload(): Promise<{ electron: ElectronDouble; exposed: JunctionBridge }> {
  vi.resetModules();
  const electron = createElectronDouble('/tmp/unused');
  state.electron = electron;
  await import('../../src-preload/index');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [name, exposed] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, JunctionBridge];
  expect(name).toBe('junction');
  return { electron, exposed };
}

describe('preload', () => {
  beforeEach(() => {
    state.electron = undefined;
  });

  it('exposes exactly invoke and onEvent, all functions', async () => {
    const { exposed } = await loadPreload();
    expect(Object.keys(exposed).sort()).toEqual(['invoke', 'onEvent']);
    for (const value of Object.values(exposed)) expect(typeof value).toBe('function');
  });

  it('invokes contract channels over ipcRenderer.invoke and unwraps the envelope', async () => {
    const { electron, exposed } = await loadPreload();
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, data: [{ id: 'google_gmail' }] });
    await expect(exposed.invoke('services.list')).resolves.toEqual([{ id: 'google_gmail' }]);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('services.list', {});
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'not_found', message: 'No such connection.' } });
    await expect(exposed.invoke('connections.get', { id: 'x' })).rejects.toMatchObject({
      code: 'not_found',
      message: 'No such connection.',
    });
  });

  it('never sends an unknown channel over IPC', async () => {
    const { electron, exposed } = await loadPreload();
    await expect(exposed.invoke(EVENT_CHANNEL)).rejects.toMatchObject({ code: 'unknown_channel' });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('delivers core events without the IpcRendererEvent, and unsubscribes', async () => {
    const { electron, exposed } = await loadPreload();
    const received: unknown[][] = [];
    const stop = exposed.onEvent((...args: unknown[]) => received.push(args));
    const event: CoreEvent = { type: 'oauth.finished', state: 's', ok: true };
    electron.ipcRenderer.emit(EVENT_CHANNEL, { sender: electron.ipcRenderer }, event);
    expect(received).toEqual([[event]]);
    stop();
    electron.ipcRenderer.emit(EVENT_CHANNEL, { sender: electron.ipcRenderer }, event);
    expect(received).toHaveLength(1);
    expect(electron.ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
  });
});
