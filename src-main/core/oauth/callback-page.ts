/**
 * The page the system browser shows after the redirect: self-contained (no external resources,
 * nothing to leak the code to), escaped, and readable in light and dark.
 */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The link back to the app: the shell only brings its window to the front for it; it carries no code, state or token. */
export const RETURN_URL = 'junction://open';

export function callbackPage(kind: 'success' | 'error' | 'ignored', title: string, detail: string, returnUrl: string = RETURN_URL): string {
  const accent = kind === 'success' ? '#1a7f37' : kind === 'error' ? '#cf222e' : '#9a6700';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Junction — ${escapeHtml(title)}</title>
<style>
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
main { max-width: 28rem; padding: 2rem; text-align: center; }
h1 { font-size: 1.4rem; color: ${accent}; }
p { line-height: 1.5; }
a.return { display: inline-block; margin-top: .5rem; padding: .6rem 1.2rem; border-radius: .4rem; background: ${accent}; color: #fff; text-decoration: none; }
</style></head>
<body><main role="main">
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(detail)}</p>
<p><a class="return" href="${escapeHtml(returnUrl)}">Return to Junction</a></p>
<p>Or close this tab and switch to Junction yourself.</p>
</main></body></html>`;
}

export const CALLBACK_PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  // The page loads nothing; the URL carried the code, so it must not travel anywhere else.
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
} as const;
