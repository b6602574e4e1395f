import * as oauth from 'oauth4webapi';
import type { Catalog } from '../config';
import type { ConnectionView } from '../connection-view';
import { CoreError, internalError } from '../errors';
import type { ProviderSettingsService } from '../provider-settings';
import type { Connection, CoreEvent, OAuthStartResult, ServiceId } from '../../../src-shared/types';
import type { ConnectionVault } from '../vault/connection-vault';
import type { StorageConsent } from '../vault/storage-consent';
import { clientConfig } from './client-config';
import { assertLive, exchangeCode, storeConnection } from './code-exchange';
import { CALLBACK_PATH, LoopbackListener, type CallbackAnswer } from './loopback-listener';
import { MAX_PENDING_FLOWS, PendingFlows, sameState, type Outcome, type PendingFlow } from './pending-flows';
import { toCoreError } from './protocol-errors';

export interface FlowDeps {
  catalog: Catalog;
  settings: ProviderSettingsService;
  vault: ConnectionVault;
  view: ConnectionView;
  fetch: typeof fetch;
  now: () => number;
  openExternal(url: string): Promise<void> | void;
  emit(event: CoreEvent): void;
  /** Whether tokens may be stored with the cipher: checked at the start, and again by the vault at the write. */
  consent: StorageConsent;
  protocolScheme: string;
  flowTimeoutMs: number;
}

const unique = (items: string[]) => [...new Set(items)];

/**
 * Authorization code + PKCE through the system browser (RFC 8252), one pending flow per state,
 * each bound to its provider. Loopback redirects get a listener of their own; custom-scheme
 * redirects arrive through `handleProtocolUrl`.
 */
export class OAuthFlows {
  private readonly pending = new PendingFlows();
  /** Flows whose `start` has not returned: their state is not handed out yet. */
  private readonly starting = new Set<PendingFlow>();

  constructor(private readonly deps: FlowDeps) {}

  /**
   * Registers the flow, then opens the browser without waiting for it. The flow is booked before
   * the first await, so the limits hold however many starts run at once: a sign-in of the same
   * service still waiting for the browser is replaced (its `oauth.wait` rejects `cancelled`), and
   * beyond MAX_PENDING_FLOWS a start is refused before any socket opens or the browser is asked.
   * @see https://www.rfc-editor.org/rfc/rfc7636#section-4 (S256 challenge)
   * @see https://www.rfc-editor.org/rfc/rfc8252#section-7 (redirect options)
   */
  async start(
    service: ServiceId,
    extraScopes: string[] = [],
    options: { openBrowser?: boolean; services?: ServiceId[] | undefined } = {},
  ): Promise<OAuthStartResult> {
    const { catalog, settings, vault } = this.deps;
    const resolvedService = catalog.service(service);
    const providerId = resolvedService.provider.id;
    const services = unique([service, ...(options.services ?? [])]) as ServiceId[];
    const foreign = services.find((id) => catalog.service(id).provider.id !== providerId);
    if (foreign) {
      throw new CoreError(
        'invalid_input',
        `services: ${foreign} is not a ${catalog.provider(providerId).definition.name} service; one sign-in covers one provider.`,
      );
    }
    const provider = catalog.provider(providerId);
    const credentials = settings.require(providerId);
    this.deps.consent.assert('sign-in');
    this.replaceWaiting(service, resolvedService.definition.name);
    if (this.pending.live().length >= MAX_PENDING_FLOWS) {
      throw new CoreError(
        'invalid_input',
        `Junction already has ${MAX_PENDING_FLOWS} sign-ins in progress, the most it allows at once. Finish or cancel one, or wait for it to time out, then connect again.`,
      );
    }
    const mode = settings.redirectMode(providerId);
    const verifier = oauth.generateRandomCodeVerifier();
    const flow: PendingFlow = {
      state: oauth.generateRandomState(),
      provider: providerId,
      service,
      services,
      // One grant per account serves all its services, and a new consent replaces its token: so a
      // provider with several services asks again for what its grants already hold (which account
      // the person picks is known only afterwards), or the other services would lose their scopes.
      scopes: unique([
        ...provider.definition.identityScopes,
        ...services.flatMap((id) => catalog.service(id).definition.scopes),
        ...(provider.definition.services.length > 1 ? vault.grantsOfProvider(providerId).flatMap((grant) => grant.scopes) : []),
        ...extraScopes,
      ]),
      verifier,
      redirectUri: `${this.deps.protocolScheme}://oauth${CALLBACK_PATH}`,
      mode,
      config: clientConfig(provider, credentials, this.deps.fetch),
      listener: null,
      phase: 'waiting',
      outcome: null,
      waiters: [],
      timer: null,
      abort: new AbortController(),
    };
    this.pending.add(flow);
    this.starting.add(flow);
    flow.timer = setTimeout(() => {
      const minutes = Math.round(this.deps.flowTimeoutMs / 60_000) || 1;
      const message = `The sign-in with ${provider.definition.name} was not finished within ${minutes} minute(s), so Junction stopped waiting. Connect again when you are ready.`;
      this.finish(flow, { ok: false, error: new CoreError('timeout', message) });
    }, this.deps.flowTimeoutMs);
    flow.timer.unref();

    let challenge: string;
    try {
      challenge = await oauth.calculatePKCECodeChallenge(verifier);
      assertLive(flow);
      if (mode === 'loopback') {
        const listener = new LoopbackListener((url) => this.onCallback(flow, url), `${this.deps.protocolScheme}://open`);
        await listener.listen();
        flow.listener = listener;
        flow.redirectUri = listener.redirectUri;
        // Replaced or ended while the socket opened: settle() had no listener to close yet.
        if (flow.phase === 'done') listener.close();
        assertLive(flow);
      }
    } catch (error) {
      // Its state was never handed out, so nobody will read its outcome.
      this.finish(flow, { ok: false, error: error instanceof CoreError ? error : internalError(error) });
      this.pending.remove(flow);
      throw error;
    } finally {
      this.starting.delete(flow);
    }

    const authUrl = new URL(provider.authorizationEndpoint);
    const params = {
      client_id: credentials.clientId,
      redirect_uri: flow.redirectUri,
      response_type: 'code',
      scope: flow.scopes.join(' '),
      state: flow.state,
      code_challenge: challenge,
      // Spelled out: omitted, it means `plain`.
      code_challenge_method: 'S256',
      ...provider.definition.authorizationParams,
    };
    for (const [key, value] of Object.entries(params)) authUrl.searchParams.set(key, value);

    // A local API caller may open the link itself. The round trip may finish before the browser
    // call returns, or long after: don't wait for it.
    if (options.openBrowser === false) return { state: flow.state, authUrl: authUrl.href, service, redirectUri: flow.redirectUri };
    try {
      void Promise.resolve(this.deps.openExternal(authUrl.href)).catch(() => undefined);
    } catch {
      // No browser opened: the window offers the link to copy.
    }
    return { state: flow.state, authUrl: authUrl.href, service, redirectUri: flow.redirectUri };
  }

  /** A new start for a service replaces its sign-in still waiting for the browser (one per service). */
  private replaceWaiting(service: ServiceId, name: string): void {
    for (const old of this.pending.live()) {
      if (old.service !== service || old.phase !== 'waiting') continue;
      // Its start has not returned, so nobody can ever read its outcome: kept among the unread
      // ones, a burst of starts would push out an outcome someone is about to read.
      if (this.starting.has(old)) this.pending.remove(old);
      this.finish(old, { ok: false, error: new CoreError('cancelled', `A newer sign-in with ${name} replaced this one.`) });
    }
  }

  /** `oauth.wait`; with a `signal`, a wait that gives up first resolves null and leaves the outcome for the next one. */
  async wait(state: string): Promise<Connection>;
  async wait(state: string, signal: AbortSignal): Promise<Connection | null>;
  async wait(state: string, signal?: AbortSignal): Promise<Connection | null> {
    const flow = this.pending.find(state);
    if (!flow) {
      throw new CoreError(
        'not_found',
        'No sign-in with that state is in progress (it may have ended more than 5 minutes ago, or been followed by many newer ones). Connect again.',
      );
    }
    const outcome = await this.pending.wait(flow, signal);
    if (outcome === null) return null;
    if (outcome.ok) return outcome.connection;
    throw outcome.error;
  }

  /** Ends a flow that has not stored its tokens yet: waiting for the browser, or mid-exchange. */
  cancel(state: string): { cancelled: boolean } {
    const flow = this.pending.find(state);
    if (!flow || flow.phase === 'done') return { cancelled: false };
    this.finish(flow, { ok: false, error: new CoreError('cancelled', 'You cancelled the sign-in.') });
    return { cancelled: true };
  }

  /** A `junction://oauth/callback?...` deep link; true if it ended a pending flow. */
  async handleProtocolUrl(raw: string): Promise<boolean> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return false;
    }
    // Exactly the registered redirect URI (RFC 6749 §3.1.2): `host` alone let `user@oauth` through.
    const routed = url.protocol === `${this.deps.protocolScheme}:` && url.host === 'oauth' && url.username === '' && url.password === '';
    if (!routed || url.pathname !== CALLBACK_PATH) return false;
    const state = url.searchParams.get('state');
    if (!state) return false;
    const flow = this.pending.find(state);
    if (!flow || flow.mode !== 'protocol' || flow.phase !== 'waiting') return false;
    const answer = await this.onCallback(flow, url);
    return answer.done;
  }

  /** Ends every pending flow; used when the core closes. */
  close(): void {
    for (const flow of [...this.pending.all()]) {
      this.finish(flow, { ok: false, error: new CoreError('cancelled', 'Junction is closing; the sign-in was cancelled.') });
      this.pending.remove(flow);
    }
  }

  /**
   * Weaker storage stopped being accepted: every sign-in that has not stored yet would store with
   * the cipher consent no longer covers, so each ends now (its `oauth.wait` rejects, its listener
   * closes, an exchange under way is aborted). The outcomes stay readable.
   */
  endForWithdrawnConsent(): void {
    const error = new CoreError(
      'not_configured',
      'Weaker storage is no longer accepted, so Junction stopped this sign-in before saving anything. Accept weaker storage in Settings, then connect again.',
    );
    for (const flow of [...this.pending.all()]) this.finish(flow, { ok: false, error });
  }

  private finish(flow: PendingFlow, outcome: Outcome): void {
    if (!this.pending.settle(flow, outcome)) return;
    this.deps.emit(
      outcome.ok
        ? {
            type: 'oauth.finished',
            state: flow.state,
            ok: true,
            connectionId: outcome.connection.id,
            connectionIds: outcome.connectionIds,
          }
        : { type: 'oauth.finished', state: flow.state, ok: false, error: outcome.error.toJSON() },
    );
  }

  /**
   * One callback for this flow. A state other than the flow's is ignored (the flow keeps
   * waiting); everything else — `iss` (RFC 9207), `error`, the code — is checked by oauth4webapi
   * before a token request is made.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2
   * @see https://www.rfc-editor.org/rfc/rfc9207#section-2.4
   */
  private async onCallback(flow: PendingFlow, url: URL): Promise<CallbackAnswer> {
    if (flow.phase !== 'waiting') {
      return { kind: 'ignored', title: 'Nothing to finish', detail: 'This sign-in has already ended in Junction.', done: false };
    }
    const state = url.searchParams.get('state');
    if (state === null || !sameState(state, flow.state)) {
      return {
        kind: 'ignored',
        title: 'Not the sign-in Junction is waiting for',
        detail: 'This link does not match the sign-in in progress, so Junction ignored it. Finish the sign-in you started in Junction.',
        done: false,
      };
    }
    flow.phase = 'exchanging';
    const provider = this.deps.catalog.provider(flow.provider);
    let outcome: Outcome;
    try {
      const params = oauth.validateAuthResponse(flow.config.as, flow.config.client, url, flow.state);
      const granted = await exchangeCode(this.deps, flow, params);
      // No await from storeConnection's liveness check to finish(): nothing can end the flow in between.
      const saved = storeConnection(this.deps, flow, granted);
      outcome = { ok: true, connection: saved[0] as Connection, connectionIds: saved.map((c) => c.id) };
      this.deps.emit({ type: 'connections.changed' });
    } catch (error) {
      const host = new URL(provider.tokenEndpoint).host;
      outcome = { ok: false, error: toCoreError(error, provider.definition.name, 'sign-in', host) };
    }
    // Timed out, cancelled or closed while the exchange ran: nothing was stored, and the page says why.
    if (flow.outcome && !flow.outcome.ok) return endedAnswer(flow.outcome.error);
    this.finish(flow, outcome);
    return outcome.ok
      ? { kind: 'success', title: `Connected to ${provider.definition.name}`, detail: 'Junction has your sign-in.', done: true }
      : { kind: 'error', title: 'Sign-in did not finish', detail: outcome.error.message, done: true };
  }
}

/** The browser page for a flow that ended while its tokens were being fetched: never "Connected". */
function endedAnswer(error: CoreError): CallbackAnswer {
  const title =
    error.code === 'timeout' ? 'Sign-in timed out' : error.code === 'cancelled' ? 'Sign-in cancelled' : 'Sign-in did not finish';
  return { kind: 'error', title, detail: `${error.message} Junction did not save this sign-in.`, done: true };
}
