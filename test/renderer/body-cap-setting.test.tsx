// Settings → Largest answer: reads the cap, saves a new one in MB, refuses one out of range
// without calling the core, and goes back to the default.
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { BodyCapSettings } from '../../src-shared/body';
import type { ChannelInput } from '../../src-shared/channels';
import { BodyCapSetting } from '../../src-renderer/features/settings/BodyCapSetting';
import { fakeClient } from './fixtures';

const MiB = 1024 * 1024;
afterEach(cleanup);

function core() {
  const fake = fakeClient();
  let chosen: number | null = null;
  const view = (): BodyCapSettings => ({
    maxBodyBytes: chosen ?? 200 * MiB,
    isDefault: chosen === null,
    defaultBytes: 200 * MiB,
    minBytes: MiB,
    maxBytes: 1024 * MiB,
  });
  fake.on('settings.getBodyCap', view);
  fake.on('settings.setBodyCap', (p: ChannelInput<'settings.setBodyCap'>) => {
    chosen = p.maxBodyBytes;
    return view();
  });
  return fake;
}

describe('Settings → Largest answer', () => {
  it('shows the cap in MB and saves a new one in bytes', async () => {
    const fake = core();
    render(<BodyCapSetting />);
    const input = await screen.findByLabelText('Size in MB (1–1024)');
    expect(input).toHaveProperty('value', '200');
    await userEvent.clear(input);
    await userEvent.type(input, '50');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Answers up to 50 MB are kept whole/)).toBeTruthy();
    expect(fake.calls.filter((c) => c.channel === 'settings.setBodyCap').map((c) => c.payload)).toEqual([{ maxBodyBytes: 50 * MiB }]);
    await userEvent.click(screen.getByRole('button', { name: 'Use the default' }));
    expect(fake.calls.at(-1)?.payload).toEqual({ maxBodyBytes: null });
    expect(await screen.findByLabelText('Size in MB (1–1024)')).toHaveProperty('value', '200');
    expect(screen.queryByRole('button', { name: 'Use the default' })).toBeNull();
  });

  it('refuses a size out of range, saying the range, without asking the core', async () => {
    const fake = core();
    render(<BodyCapSetting />);
    const input = await screen.findByLabelText('Size in MB (1–1024)');
    await userEvent.clear(input);
    await userEvent.type(input, '2048');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain('from 1 to 1024');
    expect(fake.calls.some((c) => c.channel === 'settings.setBodyCap')).toBe(false);
  });
});
