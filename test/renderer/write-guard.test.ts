import { beforeEach, describe, expect, it } from 'vitest';
import { isWrite, useWriteGuard, type WriteAsk } from '../../src-renderer/stores/write-guard';

const ask: WriteAsk = { title: 'Send POST?', description: 'd', targets: [], rows: [], confirmLabel: 'Yes' };

beforeEach(() => useWriteGuard.setState({ pending: null, trusted: false }));

describe('the write rule', () => {
  it('every method but GET and HEAD is a write, whatever its case', () => {
    expect(['GET', 'HEAD', 'get', 'head'].map(isWrite)).toEqual([false, false, false, false]);
    expect(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'post'].map(isWrite)).toEqual([true, true, true, true, true, true]);
  });

  it('asks, answers once, and "don’t ask again" only counts when the person says yes', async () => {
    const first = useWriteGuard.getState().confirm(ask);
    expect(useWriteGuard.getState().pending?.title).toBe('Send POST?');
    useWriteGuard.getState().answer(false, true);
    expect(await first).toBe(false);
    expect(useWriteGuard.getState()).toMatchObject({ pending: null, trusted: false });

    const second = useWriteGuard.getState().confirm(ask);
    useWriteGuard.getState().answer(true, true);
    expect(await second).toBe(true);
    expect(useWriteGuard.getState().trusted).toBe(true);
    expect(await useWriteGuard.getState().confirm(ask)).toBe(true);
    expect(useWriteGuard.getState().pending).toBeNull();
  });

  it('a second question while one is open answers the first "no": nothing goes out unseen', async () => {
    const first = useWriteGuard.getState().confirm(ask);
    const second = useWriteGuard.getState().confirm({ ...ask, title: 'Send DELETE?' });
    expect(await first).toBe(false);
    expect(useWriteGuard.getState().pending?.title).toBe('Send DELETE?');
    useWriteGuard.getState().answer(true);
    expect(await second).toBe(true);
  });
});
