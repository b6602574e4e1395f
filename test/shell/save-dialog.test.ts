import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, Dialog } from 'electron';
import { join } from 'node:path';
import { createChooseSavePath } from '../../src-main/shell/save-dialog';

function dialogAnswering(answer: { canceled: boolean; filePath?: string }) {
  const showSaveDialog = vi.fn(async (..._args: unknown[]) => answer);
  return { dialog: { showSaveDialog } as unknown as Pick<Dialog, 'showSaveDialog'>, showSaveDialog };
}

const request = { title: 'Save the answer', defaultName: 'answer.json', filters: [{ name: 'JSON', extensions: ['json'] }] };

describe('the save dialog behind chooseSavePath', () => {
  it('answers the chosen path, and opens in the given folder attached to the window', async () => {
    const { dialog, showSaveDialog } = dialogAnswering({ canceled: false, filePath: '/home/me/Downloads/mine.json' });
    const window = { id: 1 } as unknown as BrowserWindow;
    const choose = createChooseSavePath({ dialog, window: () => window, folder: () => '/home/me/Downloads' });
    await expect(choose(request)).resolves.toBe('/home/me/Downloads/mine.json');
    expect(showSaveDialog).toHaveBeenCalledWith(
      window,
      expect.objectContaining({ defaultPath: join('/home/me/Downloads', 'answer.json'), filters: request.filters }),
    );
  });

  it('answers null when the person cancels', async () => {
    const { dialog } = dialogAnswering({ canceled: true, filePath: '' });
    const choose = createChooseSavePath({ dialog, window: () => undefined, folder: () => '/tmp' });
    await expect(choose(request)).resolves.toBeNull();
  });

  it('keeps only the name of a suggested file, never a folder a caller put in it', async () => {
    const { dialog, showSaveDialog } = dialogAnswering({ canceled: true });
    const choose = createChooseSavePath({ dialog, window: () => undefined, folder: () => '/home/me/Downloads' });
    await choose({ ...request, defaultName: '../../../etc/cron.d/evil' });
    expect(showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: join('/home/me/Downloads', 'evil') }));
  });
});
