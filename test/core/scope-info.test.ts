// Service.scopeInfo: every scope a service asks for or offers has a plain meaning, for the
// connection detail's "granted versus asked" list.
import { afterEach, describe, expect, it } from 'vitest';
import { removeAllTempDirs } from '../support/temp-dir';
import { startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

describe('services.list scopeInfo', () => {
  it('describes every asked and optional scope in words, never by repeating the scope', async () => {
    h = await startHarness({ kind: 'google' });
    const services = await h.core.invoke('services.list', {});
    expect(services).toHaveLength(5);
    for (const service of services) {
      const info = service.scopeInfo ?? [];
      const listed = info.map((i) => i.scope);
      expect(listed).toEqual([...new Set([...service.scopes, ...service.optionalScopes.map((o) => o.scope)])]);
      for (const { scope, description } of info) {
        expect(description, scope).toMatch(/^[A-Z]/);
        expect(description, scope).not.toBe(scope);
      }
    }
    const gmail = services.find((s) => s.id === 'google_gmail');
    expect(gmail?.scopeInfo).toContainEqual({ scope: 'https://www.googleapis.com/auth/gmail.send', description: 'Send email as you' });
    // An optional scope keeps the words its service gives it.
    const docs = services.find((s) => s.id === 'google_docs');
    expect(docs?.scopeInfo).toContainEqual({
      scope: 'https://www.googleapis.com/auth/drive.file',
      description: 'Find the documents Junction created',
    });
  });
});
