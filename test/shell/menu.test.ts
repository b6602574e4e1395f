// The menu: Edit roles for copy/paste, reload and DevTools only in development, logs in Help.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from '../../src-main/shell/menu';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
}

describe('buildMenuTemplate', () => {
  it('has the Edit roles copy and paste need', () => {
    const all = roles(buildMenuTemplate({ appName: 'Junction', isMac: false, isDev: false, openLogsFolder: () => undefined }));
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']) expect(all).toContain(role);
  });

  it('offers reload and DevTools only in development', () => {
    const prod = roles(buildMenuTemplate({ appName: 'Junction', isMac: true, isDev: false, openLogsFolder: () => undefined }));
    expect(prod).not.toContain('reload');
    expect(prod).not.toContain('forceReload');
    expect(prod).not.toContain('toggleDevTools');
    const dev = roles(buildMenuTemplate({ appName: 'Junction', isMac: true, isDev: true, openLogsFolder: () => undefined }));
    expect(dev).toContain('reload');
    expect(dev).toContain('toggleDevTools');
  });

  it('opens the logs folder from Help', () => {
    const open = vi.fn();
    const help = buildMenuTemplate({ appName: 'Junction', isMac: false, isDev: false, openLogsFolder: open }).find(
      (item) => item.role === 'help',
    );
    const item = (help?.submenu as MenuItemConstructorOptions[] | undefined)?.find((entry) => entry.label === 'Open Logs Folder');
    expect(item).toBeDefined();
    (item?.click as () => void)();
    expect(open).toHaveBeenCalled();
  });
});
