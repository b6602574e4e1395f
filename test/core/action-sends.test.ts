// A writing action's declared requests (ActionDescriptor.sends, what the write confirmation shows)
// against what it really sends: run each one against the API fixtures and compare every request
// that is not a GET, resolved on the connection's API base, with the templates in order.
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionCall, ActionDescriptor } from '../../src-shared/actions';
import type { JsonValue } from '../../src-shared/channels';
import type { Connection, ServiceId } from '../../src-shared/types';
import { removeAllTempDirs } from '../support/temp-dir';
import { G, connect, runAction, startGoogle, startSpotify } from './actions-harness';
import type { Harness } from './harness';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
  removeAllTempDirs();
});

function resolved(base: string, url: string): string {
  return new URL(/^[a-z]+:/i.test(url) ? url : `${base.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`).pathname;
}

/** `{name}` matches one path segment's worth of anything but `/`. */
function matcher(base: string, template: string): RegExp {
  const path = resolved(base, template.replace(/\{[^}]+\}/g, 'PLACEHOLDER'));
  return new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/PLACEHOLDER/g, '[^/]+')}$`);
}

async function check(h: Harness, connection: Connection, actionId: string, params: Record<string, JsonValue> = {}) {
  const descriptors: ActionDescriptor[] = await h.core.invoke('actions.list', { service: connection.service });
  const descriptor = descriptors.find((d) => d.id === actionId);
  expect(descriptor?.writes).toBe(true);
  const result = await runAction(h, connection, actionId, params);
  const writes = (result.calls ?? []).filter((c: ActionCall) => c.method !== 'GET');
  expect(writes.map((c) => c.method)).toEqual(descriptor?.sends?.map((s) => s.method));
  writes.forEach((call, i) => {
    expect(resolved(connection.apiBaseUrl, call.url)).toMatch(matcher(connection.apiBaseUrl, descriptor?.sends?.[i]?.url ?? ''));
  });
}

describe('ActionDescriptor.sends says what a writing action sends', () => {
  it('Google: Gmail send, Calendar create, Drive upload, Docs create with text', async () => {
    const s = await startGoogle();
    close = () => s.h.close();
    const connectTo = (service: ServiceId, scopes?: string[]) => connect(s.h, service, scopes);
    await check(s.h, await connectTo('google_gmail', [`${G}gmail.send`]), 'gmail.send_to_self');
    await check(s.h, await connectTo('google_calendar'), 'calendar.create_event', { summary: 'Tea', start: '2026-11-24T10:00:00+01:00' });
    await check(s.h, await connectTo('google_drive'), 'drive.upload_text', { name: 'a.txt', text: 'hi' });
    await check(s.h, await connectTo('google_docs'), 'docs.create_with_text', { title: 'Plan', text: 'Step one' });
  });

  it('Spotify: pause, resume, next', async () => {
    const s = await startSpotify();
    close = () => s.h.close();
    const connection = await connect(s.h, 'spotify');
    for (const id of ['spotify.pause', 'spotify.resume', 'spotify.next']) await check(s.h, connection, id);
  });

  it('every writing action declares what it sends, and no reading action does', async () => {
    const s = await startGoogle();
    close = () => s.h.close();
    const services: ServiceId[] = ['google_gmail', 'google_calendar', 'google_drive', 'google_docs', 'spotify'];
    for (const service of services) {
      for (const d of await s.h.core.invoke('actions.list', { service })) expect(Boolean(d.sends?.length)).toBe(d.writes);
    }
  });
});
