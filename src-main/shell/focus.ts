// Bringing the main window to the front: after a second launch, a Return to Junction link, and a
// finished sign-in (the person is in the browser and should land back in Junction).

export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

export interface FocusHost {
  focus(options?: { steal: boolean }): void;
}

/**
 * Restores, shows and focuses the window. `steal` is for the end of a sign-in only: macOS keeps
 * the browser in front unless the app asks to take focus from it (`app.focus({ steal: true })`),
 * which would be rude for anything the person did not just finish.
 */
export function bringToFront(
  window: FocusableWindow | undefined,
  options: { app: FocusHost; platform: NodeJS.Platform; steal?: boolean },
): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  if (options.steal && options.platform === 'darwin') options.app.focus({ steal: true });
}
