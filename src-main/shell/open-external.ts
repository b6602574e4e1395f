// The only door from Junction to other programs (security checklist item 15): the system browser,
// for sign-in pages and links. Only http and https go through; `file:`, `javascript:`, `smb:`,
// custom schemes and anything unparsable are refused, because `shell.openExternal` hands the URL
// to the OS, which would happily run a program for many of them.

export type OpenExternal = (url: string) => Promise<void>;

/** True for absolute http(s) URLs without embedded credentials. */
export function isBrowserUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  // `https://user:pass@host` is a classic way to make a link read as another site.
  return parsed.username === '' && parsed.password === '';
}

export class ExternalUrlRefused extends Error {
  constructor() {
    super('Junction opens only web addresses (http or https) in your browser.');
    this.name = 'ExternalUrlRefused';
  }
}

/** Wraps `shell.openExternal` (or any opener) so that only browser URLs reach it. */
export function createOpenExternal(open: (url: string) => Promise<void>): OpenExternal {
  return async (url: string) => {
    if (!isBrowserUrl(url)) throw new ExternalUrlRefused();
    await open(url);
  };
}
