// The paging outcome names the limit that stopped it: the pages asked for, or Junction's own totals.
import { describe, expect, it } from 'vitest';
import { cappedWords } from '../../src-renderer/features/actions/paging-lists';

describe('cappedWords', () => {
  it('says which limit stopped the run', () => {
    expect(cappedWords({ cappedBy: 'pages', items: [] }, 10)).toBe('stopped at the 10-page limit; more were left');
    expect(cappedWords({ items: [] }, 25)).toBe('stopped at the 25-page limit; more were left');
    expect(cappedWords({ cappedBy: 'items', items: Array.from({ length: 100_000 }, () => 1) }, 100)).toBe(
      "stopped at Junction's limit of 100,000 items; more were left",
    );
    expect(cappedWords({ cappedBy: 'bytes', items: [1] }, 100)).toBe("stopped at Junction's limit of 50 MB of pages; more were left");
  });
});
