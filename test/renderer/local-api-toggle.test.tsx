// Settings → Local API's on/off box shows the person's click at once, while the core turns the
// server on (a round trip), and falls back to the core's answer: what it says, or the old state
// when the change failed.
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it } from 'vitest';
import type { LocalApiStatus } from '../../src-shared/types';
import { LocalApiSettings } from '../../src-renderer/features/settings/LocalApiSettings';
import { useLocalApi } from '../../src-renderer/stores/local-api';
import { codedError, fakeClient } from './fixtures';

afterEach(() => {
  cleanup();
  useLocalApi.setState({ status: null, keys: [], error: null, busy: false });
});

const off: LocalApiStatus = { enabled: false, port: 7431, address: 'http://127.0.0.1:7431', running: false };

function core(answer: () => Promise<LocalApiStatus>) {
  const fake = fakeClient();
  fake.on('localApi.status', () => off);
  fake.on('localApi.keys.list', () => []);
  fake.on('localApi.log', () => []);
  fake.on('localApi.configure', answer);
  return fake;
}

it('the box is checked as soon as it is clicked, then shows what the core answered', async () => {
  let answer: (status: LocalApiStatus) => void = () => undefined;
  core(() => new Promise((resolve) => (answer = resolve)));
  render(<LocalApiSettings />);
  const box = await screen.findByLabelText('Turn on the local API');
  await userEvent.click(box);
  expect(box).toHaveProperty('checked', true);
  answer({ ...off, enabled: true, running: true });
  expect(await screen.findByText('Running at http://127.0.0.1:7431')).toBeTruthy();
  expect(box).toHaveProperty('checked', true);
});

it('a change the core refused puts the box back', async () => {
  core(async () => {
    throw codedError('invalid_input', 'Port taken.');
  });
  render(<LocalApiSettings />);
  const box = await screen.findByLabelText('Turn on the local API');
  await userEvent.click(box);
  expect(await screen.findByText('Port taken.')).toBeTruthy();
  await waitFor(() => expect(box).toHaveProperty('checked', false));
});
