// Only http(s) URLs reach shell.openExternal (security checklist item 15).
import { describe, expect, it, vi } from 'vitest';
import { ExternalUrlRefused, createOpenExternal, isBrowserUrl } from '../../src-main/shell/open-external';

describe('openExternal', () => {
  it.each([
    'https://accounts.google.com/o/oauth2/v2/auth?client_id=x',
    'http://127.0.0.1:5000/authorize',
    'https://www.spotify.com/account/apps/',
  ])('opens %s', async (url) => {
    const open = vi.fn(async () => undefined);
    await createOpenExternal(open)(url);
    expect(open).toHaveBeenCalledWith(url);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://attacker/share',
    'junction://oauth/callback?code=1',
    'ms-msdt:/id PCWDiagnostic',
    'data:text/html,<script>1</script>',
    'https://user:pass@evil.example/',
    'https://user@evil.example/',
    'https://:pass@evil.example/',
    '/relative/path',
    'not a url',
    '',
  ])('refuses %s', async (url) => {
    const open = vi.fn(async () => undefined);
    await expect(createOpenExternal(open)(url)).rejects.toBeInstanceOf(ExternalUrlRefused);
    expect(open).not.toHaveBeenCalled();
    expect(isBrowserUrl(url)).toBe(false);
  });

  it('says what it opens, in an error of its own name', async () => {
    const error = await createOpenExternal(async () => undefined)('file:///etc/passwd').catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ExternalUrlRefused',
      message: 'Junction opens only web addresses (http or https) in your browser.',
    });
  });
});
