import { expect, it } from 'vitest';
import { bigJson } from '../support/big-bodies';
it('bigJson serves exactly the size asked, as valid JSON', () => {
  for (const bytes of [300, 4096, 1024 * 1024 + 7, 3 * 1024 * 1024]) {
    const body = bigJson(bytes);
    expect(body.length).toBe(bytes);
    const parsed = JSON.parse(body.toString('utf8')) as { items: { id: number }[]; count: number };
    expect(parsed.count).toBe(parsed.items.length);
    expect(parsed.items.at(-1)?.id).toBe(parsed.count - 1);
  }
});
