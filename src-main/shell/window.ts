// The one window, hardened item by item against Electron's security checklist (docs/security.md
// maps each item here). The page is Junction's own code, but it renders what providers return,
// so the window is built as if that content were hostile: no Node, an isolated and sandboxed
// preload, no navigation, no new windows, no webviews.
import type {
  BrowserWindowConstructorOptions,
  Event as ElectronEvent,
  WebContents,
  WebContentsWillNavigateEventParams,
  WebContentsWillRedirectEventParams,
  WebPreferences,
} from 'electron';

/** Everything the page may not have, spelled out even where it is Electron's default, so a future default change cannot loosen it. */
export function hardenedWebPreferences(preloadPath: string, { devTools }: { devTools: boolean }): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true, // item 3
    sandbox: true, // item 4
    nodeIntegration: false, // item 2
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true, // item 6
    allowRunningInsecureContent: false, // item 8
    experimentalFeatures: false, // item 9
    // item 10: `enableBlinkFeatures` is deliberately never set.
    webviewTag: false, // items 11 and 12: no <webview> at all
    navigateOnDragDrop: false, // a dropped file or link must not replace the app (item 13)
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

/** The page's own background (src-renderer/styles.css `--bg`), so a resize never flashes another colour. */
export const WINDOW_BACKGROUND = { light: '#f7f7f8', dark: '#17181b' } as const;

export function mainWindowOptions(
  preloadPath: string,
  bounds: WindowBounds,
  options: { devTools: boolean; icon?: string; dark?: boolean },
): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: 720,
    minHeight: 480,
    title: 'Junction',
    // Shown on `ready-to-show`, so the person never sees an empty white frame.
    show: false,
    backgroundColor: options.dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light,
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: hardenedWebPreferences(preloadPath, { devTools: options.devTools }),
  };
}

/** Whether a URL belongs to the app's own page (same origin as one of `appOrigins`). */
export function isAppPageUrl(url: string, appOrigins: ReadonlySet<string>): boolean {
  try {
    const parsed = new URL(url);
    const origin = parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
    return appOrigins.has(origin);
  } catch {
    return false;
  }
}

type ContentsLike = Pick<WebContents, 'setWindowOpenHandler' | 'on'>;

export interface HardeningDeps {
  appOrigins: ReadonlySet<string>;
  /** Sends a link to the system browser (already restricted to http and https). */
  openExternal(url: string): Promise<void>;
  log: { warn(message: string): void };
}

function openOutside(url: string, deps: HardeningDeps): void {
  deps.openExternal(url).catch(() => deps.log.warn('Refused to open a link that is not a web address.'));
}

/**
 * Applied to every WebContents the app creates (`web-contents-created`), not only the main
 * window's, so a future window cannot forget it.
 * - `window.open` and `target=_blank` never make an Electron window (item 14); web links open in
 *   the system browser, where sign-in pages belong anyway (RFC 8252).
 * - Navigation away from the app's page is cancelled (item 13); web links go to the browser.
 * - `<webview>` can never attach (item 12), even if `webviewTag` were turned on by mistake.
 */
export function hardenWebContents(contents: ContentsLike, deps: HardeningDeps): void {
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url, deps);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event: ElectronEvent<WebContentsWillNavigateEventParams>) => {
    const url = event.url;
    if (isAppPageUrl(url, deps.appOrigins)) return;
    event.preventDefault();
    openOutside(url, deps);
  });
  contents.on('will-redirect', (event: ElectronEvent<WebContentsWillRedirectEventParams>) => {
    if (event.isMainFrame && !isAppPageUrl(event.url, deps.appOrigins)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event: ElectronEvent) => {
    event.preventDefault();
  });
}
