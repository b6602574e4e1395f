import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyText } from '../../src-renderer/ui/clipboard';

afterEach(() => {
  vi.unstubAllGlobals();
  Reflect.deleteProperty(document, 'execCommand');
});

describe('copyText', () => {
  it('uses the Clipboard API when it is allowed', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    expect(await copyText('hello')).toBe(true);
    expect(writeText).toHaveBeenCalledWith('hello');
  });

  it('falls back to a selection copy when the permission is refused, and leaves nothing behind', async () => {
    vi.stubGlobal('navigator', { clipboard: { writeText: async () => Promise.reject(new Error('NotAllowedError')) } });
    let selected = '';
    Object.defineProperty(document, 'execCommand', {
      configurable: true,
      value: (command: string) => {
        selected = command === 'copy' ? (document.querySelector('textarea')?.value ?? '') : '';
        return true;
      },
    });
    expect(await copyText('curl -H "Authorization: Bearer $TOKEN"')).toBe(true);
    expect(selected).toBe('curl -H "Authorization: Bearer $TOKEN"');
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('says so when nothing can copy', async () => {
    vi.stubGlobal('navigator', {});
    expect(await copyText('x')).toBe(false);
  });
});
