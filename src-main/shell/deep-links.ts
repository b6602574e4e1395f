// Deep links: `junction://oauth/callback?...` brings a sign-in back when a provider redirects to
// the custom scheme (Spotify's protocol mode). They arrive three ways: macOS `open-url`, a second
// launch's argv (`second-instance`, Windows and Linux), or this launch's own argv. They may arrive
// before the core exists (the OS starts Junction *because* of the link), so they are queued until
// the core is ready, never dropped. Anything that is not the OAuth callback is ignored: the scheme
// is an entry point any web page can trigger, and the core needs no other link; the one other
// link, `junction://open` (the callback page's Return to Junction), only focuses the window.

export const DEFAULT_SCHEME = 'junction';

/** Keeps a flood of links (a hostile page can fire many) from growing memory before start-up ends. */
const MAX_QUEUED = 20;

/** A link of our scheme with no userinfo, or null: what both link kinds below start from. */
function parseOwnLink(url: string, scheme: string): URL | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === `${scheme}:` && parsed.username === '' && parsed.password === '' ? parsed : null;
}

/** True only for `<scheme>://oauth/callback` with nothing odd around it. */
export function isOAuthCallbackUrl(url: string, scheme: string = DEFAULT_SCHEME): boolean {
  const parsed = parseOwnLink(url, scheme);
  return parsed !== null && parsed.host === 'oauth' && parsed.pathname === '/callback';
}

/**
 * True only for `<scheme>://open` (the callback page's Return to Junction link): it brings the
 * window to the front and touches no flow, so it carries nothing and accepts nothing.
 */
export function isOpenAppUrl(url: string, scheme: string = DEFAULT_SCHEME): boolean {
  const parsed = parseOwnLink(url, scheme);
  return (
    parsed !== null &&
    parsed.host === 'open' &&
    (parsed.pathname === '' || parsed.pathname === '/') &&
    parsed.search === '' &&
    parsed.hash === ''
  );
}

/**
 * The deep link in a command line. Windows and Linux put the URL last, but Chromium may append
 * switches after it, so the last argument that is a link of our scheme wins.
 */
export function findProtocolUrlInArgv(argv: readonly string[], scheme: string = DEFAULT_SCHEME): string | undefined {
  const prefix = `${scheme.toLowerCase()}:`;
  for (let i = argv.length - 1; i >= 0; i -= 1) {
    const arg = argv[i];
    if (arg !== undefined && arg.toLowerCase().startsWith(prefix)) return arg;
  }
  return undefined;
}

export type ProtocolUrlHandler = (url: string) => Promise<boolean>;

export interface DeepLinkQueue {
  /** Accepts a link from any source; ignored unless it is the OAuth callback. */
  push(url: string): void;
  /** The core is ready: deliver what waited, then every later link straight away. */
  attach(handler: ProtocolUrlHandler): void;
  /** How many links wait for the core (for tests and the log). */
  readonly pending: number;
}

export interface DeepLinkLog {
  info(message: string): void;
  warn(message: string): void;
}

/** `onOpen`: what a Return to Junction link does (bring the window to the front); it never reaches the core. */
export function createDeepLinkQueue(
  log: DeepLinkLog,
  scheme: string = DEFAULT_SCHEME,
  onOpen: () => void = () => undefined,
): DeepLinkQueue {
  const queue: string[] = [];
  let handler: ProtocolUrlHandler | undefined;

  const deliver = (target: ProtocolUrlHandler, url: string) => {
    target(url).then(
      (completed) => log.info(completed ? 'A sign-in link completed its flow.' : 'A sign-in link matched no pending flow.'),
      // The URL carries an authorization code: log that it failed, never the link itself.
      (error: unknown) => log.warn(`A sign-in link could not be handled: ${error instanceof Error ? error.message : String(error)}`),
    );
  };

  return {
    push(url: string) {
      if (isOpenAppUrl(url, scheme)) {
        onOpen();
        return;
      }
      if (!isOAuthCallbackUrl(url, scheme)) {
        log.warn(`Ignored a ${scheme}: link that is not a sign-in callback.`);
        return;
      }
      if (handler) {
        deliver(handler, url);
        return;
      }
      if (queue.length >= MAX_QUEUED) queue.shift();
      queue.push(url);
    },
    attach(next: ProtocolUrlHandler) {
      handler = next;
      for (const url of queue.splice(0)) deliver(next, url);
    },
    get pending() {
      return queue.length;
    },
  };
}

/** The bits of `app` and `process` protocol registration needs; injected so tests can check them. */
export interface ProtocolClientHost {
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
}

export interface ProcessInfo {
  defaultApp?: boolean;
  execPath: string;
  argv: readonly string[];
}

/**
 * Registers Junction as the handler of its scheme. A development run is `electron <app path>`,
 * so on Windows and Linux the OS must be told to pass the app path too, or a link would start a
 * bare Electron. (macOS reads the scheme from the bundle's Info.plist; on Linux a packaged app's
 * `.desktop` file carries `MimeType=x-scheme-handler/junction`.)
 */
export function registerProtocolClient(
  app: ProtocolClientHost,
  proc: ProcessInfo,
  resolvePath: (p: string) => string,
  scheme: string = DEFAULT_SCHEME,
): boolean {
  // The app path is the first argument that is not a switch: tools such as Playwright put
  // `--inspect=0` and friends before it.
  const appPath = proc.argv.slice(1).find((arg) => !arg.startsWith('-'));
  if (proc.defaultApp && appPath !== undefined) {
    return app.setAsDefaultProtocolClient(scheme, proc.execPath, [resolvePath(appPath)]);
  }
  return app.setAsDefaultProtocolClient(scheme);
}
