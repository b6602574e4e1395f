import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Catalog } from '../config';
import type { ConnectionView } from '../connection-view';
import { CoreError } from '../errors';
import { describeIssues } from '../ipc/channel-table';
import { scope, state as stateField } from '../ipc/fields';
import type { OAuthFlows } from '../oauth/flows';
import type { ApiProxy } from '../proxy/api-proxy';
import { SERVICE_IDS, type LocalApiKey, type ServiceId } from '../../../src-shared/types';
import type { ConnectionVault } from '../vault/connection-vault';
import { assertKeyMay, listFor, resolveConnection } from './connections';
import { parseJson, readRequestBody, sendJson } from './http';
import { proxyRequest } from './proxy-route';

export interface RouteDeps {
  catalog: Catalog;
  vault: ConnectionVault;
  /** A stored connection as the contract's Connection (health, token life, API base). */
  view: ConnectionView;
  flows: OAuthFlows;
  proxy: ApiProxy;
  disconnect(id: string): Promise<{ revoked: boolean; message?: string }>;
  maxBodyBytes: number;
}

export interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  key: LocalApiKey;
  /** Fires when the caller goes away or the server stops. */
  signal: AbortSignal;
}

const MAX_WAIT_S = 300;
const DEFAULT_WAIT_S = 30;
/** Sign-ins started through the local API that a key may wait for; the oldest are forgotten first. */
const MAX_TRACKED_FLOWS = 100;

const authorizeBody = z.strictObject({
  service: z.enum(SERVICE_IDS),
  scopes: z.array(scope).max(50).optional(),
  /** Let Junction open the consent screen in the system browser, as the window does. */
  open_browser: z.boolean().optional(),
});

function invalid(what: string, error: z.ZodError): CoreError {
  return new CoreError('invalid_input', `Invalid ${what}: ${describeIssues(error)}.`);
}

function methodNotAllowed(res: ServerResponse, allow: string[]): void {
  sendJson(
    res,
    405,
    { error: { code: 'invalid_input', message: `This address answers ${allow.join(', ')} only.` } },
    { Allow: allow.join(', ') },
  );
}

/** Decodes one path segment; a malformed escape is the caller's mistake, not a crash. */
function segment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new CoreError('invalid_input', 'The path has a malformed %-escape.');
  }
}

/** The local API's endpoints (docs/local-api.md), after the server checked Host, Origin, key and rate. */
export class Routes {
  private readonly started = new Map<string, { keyId: string; service: ServiceId }>();

  constructor(private readonly deps: RouteDeps) {}

  async handle(call: Call): Promise<void> {
    const { req, res, url } = call;
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (path === '/api/oauth/authorize') {
      if (method === 'GET') return this.authorizeRedirect(call);
      if (method === 'POST') return this.authorize(call);
      return methodNotAllowed(res, ['GET', 'POST']);
    }
    let match = /^\/api\/oauth\/flows\/([^/]+)$/.exec(path);
    if (match) {
      if (method !== 'GET') return methodNotAllowed(res, ['GET']);
      return this.waitFlow(call, segment(match[1] ?? ''));
    }
    if (path === '/api/connections') {
      if (method !== 'GET') return methodNotAllowed(res, ['GET']);
      return sendJson(res, 200, listFor(this.deps.view, this.deps.vault, call.key));
    }
    match = /^\/api\/connections\/([^/]+)$/.exec(path);
    if (match) {
      const record = resolveConnection(this.deps.vault, call.key, segment(match[1] ?? ''));
      if (method === 'GET') return sendJson(res, 200, this.deps.view(record));
      if (method === 'DELETE') {
        await this.deps.disconnect(record.id);
        return sendJson(res, 204, undefined);
      }
      return methodNotAllowed(res, ['GET', 'DELETE']);
    }
    // /api/connections/{id}/request[/path…] and /api/services/{service}/request[/path…]
    match = /^\/api\/(connections|services)\/([^/]+)\/request(\/.*)?$/.exec(path);
    if (match) {
      const record = resolveConnection(this.deps.vault, call.key, segment(match[2] ?? ''), match[1] === 'connections');
      return proxyRequest(this.deps, call, record.id, match[3]);
    }
    throw new CoreError('not_found', `The local API has no ${path.slice(0, 200)}. docs/local-api.md lists the endpoints.`);
  }

  private async startFlow(call: Call, service: ServiceId, scopes: string[], openBrowser: boolean) {
    assertKeyMay(call.key, service);
    const started = await this.deps.flows.start(service, scopes, { openBrowser });
    this.started.set(started.state, { keyId: call.key.id, service });
    for (const state of this.started.keys()) {
      if (this.started.size <= MAX_TRACKED_FLOWS) break;
      this.started.delete(state);
    }
    return started;
  }

  private async authorizeRedirect(call: Call): Promise<void> {
    const { url, res } = call;
    const scopes = url.searchParams
      .getAll('scope')
      .flatMap((s) => s.split(' '))
      .filter(Boolean);
    const parsed = authorizeBody.safeParse({ service: url.searchParams.get('service') ?? undefined, scopes });
    if (!parsed.success) throw invalid('authorize query', parsed.error);
    const started = await this.startFlow(call, parsed.data.service, parsed.data.scopes ?? [], false);
    sendJson(res, 302, undefined, { Location: started.authUrl, 'Junction-Flow-State': started.state });
  }

  private async authorize(call: Call): Promise<void> {
    const body = parseJson(await readRequestBody(call.req, this.deps.maxBodyBytes));
    const parsed = authorizeBody.safeParse(body);
    if (!parsed.success) throw invalid('authorize request', parsed.error);
    const { service, scopes, open_browser } = parsed.data;
    const started = await this.startFlow(call, service, scopes ?? [], open_browser === true);
    sendJson(call.res, 200, { auth_url: started.authUrl, state: started.state, service, redirect_uri: started.redirectUri });
  }

  /** Waits up to `?timeout=` seconds: 200 with the connection, 202 while the sign-in is still open. */
  private async waitFlow(call: Call, state: string): Promise<void> {
    if (!stateField.safeParse(state).success) throw new CoreError('invalid_input', 'state: is not a sign-in state.');
    const owner = this.started.get(state);
    if (!owner || owner.keyId !== call.key.id) {
      throw new CoreError('not_found', 'No sign-in with that state was started with this key. Start one with POST /api/oauth/authorize.');
    }
    const raw = call.url.searchParams.get('timeout');
    const seconds = raw === null ? DEFAULT_WAIT_S : Number(raw);
    if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_WAIT_S) {
      throw new CoreError('invalid_input', `timeout: must be a number of seconds from 0 to ${MAX_WAIT_S}.`);
    }
    // A poll that gives up (its timeout, or the client leaving) withdraws, so the outcome stays for the next poll.
    const giveUp = AbortSignal.any([AbortSignal.timeout(seconds * 1000), call.signal]);
    const connection = await this.deps.flows.wait(state, giveUp);
    if (connection === null) return sendJson(call.res, 202, { status: 'pending', state });
    sendJson(call.res, 200, { status: 'connected', connection });
  }
}
