import type { Actions } from './actions';
import { Catalog } from './config';
import { connectionView } from './connection-view';
import { disconnect, finishInterruptedDisconnects } from './disconnect';
import { CoreError, internalError } from './errors';
import { HealthWatch } from './health-watch';
import { dispatch, type Handlers } from './ipc/channel-table';
import { LocalApi } from './local-api';
import { OAuthFlows } from './oauth/flows';
import { importRefreshToken } from './oauth/import';
import type { Core, CoreOptions } from './options';
import { ProviderSettingsService } from './provider-settings';
import { ApiProxy } from './proxy/api-proxy';
import { Transport } from './proxy/transport';
import { TokenManager } from './tokens/token-manager';
import { scopeInfo } from './providers/scope-meanings';
import { PROVIDER_IDS, type CoreEvent, type Service, type StorageInfo } from '../../src-shared/types';
import { PAGINATE_MAX_BYTES, PAGINATE_MAX_ITEMS } from '../../src-shared/limits';
import { DEFAULT_BODY_CAP, MAX_BODY_CAP, MIN_BODY_CAP, type BodyCapSettings } from '../../src-shared/body';
import { ConnectionVault } from './vault/connection-vault';
import { runExport } from './export/run-export';
import { SettingsStore } from './vault/settings-store';
import { preparePrivateDir } from './vault/data-dir';
import { BodyService } from './body/service';
import { BodyStore, DEFAULT_BODY_STORE_LIMITS } from './body/store';
import { BodyWorker } from './body/worker-client';
import { SavedRequests } from './saved/saved-requests';

export type { Core, CoreOptions, Cipher, ProviderOverride } from './options';
export { CoreError } from './errors';
export * from '../../src-shared/types';

/**
 * The engine of Junction, under plain Node: providers as data, PKCE through the system browser,
 * an encrypted token vault, single-flight refresh and the API proxy (docs/contract.md).
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const now = options.now ?? Date.now;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const protocolScheme = options.protocolScheme ?? 'junction';
  const dirNotice = preparePrivateDir(options.dataDir);
  const catalog = new Catalog(options);
  const settingsStore = new SettingsStore(options.dataDir, options.cipher, now);
  const vault = new ConnectionVault(options.dataDir, options.cipher, now, settingsStore.consent);
  const settings = new ProviderSettingsService(catalog, settingsStore, protocolScheme);
  const saved = new SavedRequests(options.dataDir, now, options.chooseSavePath);
  const notices = [...(dirNotice ? [dirNotice] : []), ...settingsStore.notices, ...vault.notices, ...saved.notices];
  const view = connectionView({ catalog, settings, vault, now });

  const listeners = new Set<(event: CoreEvent) => void>();
  const emit = (event: CoreEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('[junction] event listener failed:', error instanceof Error ? error.name : typeof error);
      }
    }
  };
  const storage = (): StorageInfo => ({
    backend: options.cipher.backend,
    secure: options.cipher.secure,
    insecureAccepted: settingsStore.insecureStorageAccepted,
  });

  // The person's choice in Settings, else the embedder's (tests), else 200 MiB.
  const bodyCap = (): BodyCapSettings => {
    const chosen = settingsStore.bodyCap(MIN_BODY_CAP, MAX_BODY_CAP);
    const defaultBytes = options.maxBodyBytes ?? DEFAULT_BODY_CAP;
    return {
      maxBodyBytes: chosen ?? defaultBytes,
      isDefault: chosen === undefined,
      defaultBytes,
      minBytes: MIN_BODY_CAP,
      maxBytes: MAX_BODY_CAP,
    };
  };
  // Before anything is kept: what a previous run left in the spill folder goes first.
  const bodyWorker = new BodyWorker(options.bodyWorkerPath, options.bodyReadTimeoutMs);
  const bodyStore: BodyStore = new BodyStore(
    options.dataDir,
    { ...DEFAULT_BODY_STORE_LIMITS, ...options.bodyStore },
    {
      released: (id) => bodyWorker.release(id),
      spilling: () => bodyWorker.warm(),
      spilled: (kept) => bodies.prefetch(kept),
    },
  );
  const bodies: BodyService = new BodyService(bodyStore, bodyWorker, options.chooseSavePath);
  const tokens = new TokenManager({ catalog, settings, vault, consent: settingsStore.consent, fetch: fetchImpl, now, emit });
  const proxy = new ApiProxy({
    catalog,
    vault,
    tokens,
    transport: new Transport(),
    now,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 500,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
    maxBodyBytes: () => bodyCap().maxBodyBytes,
    bodies: bodyStore,
    pace: (id) => ({ ...catalog.services[id].definition.pace, ...options.services?.[id]?.pace }),
    maxQueueWaitMs: options.maxQueueWaitMs,
  });
  // What a browser sign-in and a refresh-token import both need.
  const signInDeps = { catalog, settings, vault, view, fetch: fetchImpl, now, emit, consent: settingsStore.consent };
  const flows = new OAuthFlows({
    ...signInDeps,
    openExternal: options.openExternal,
    protocolScheme,
    flowTimeoutMs: options.flowTimeoutMs ?? 5 * 60_000,
  });
  // A disconnect cut short by a crash is finished before anything can use the connection; a
  // provider that does not answer within a few seconds does not hold up the start for long.
  const revokeTimeoutMs = Math.min(5_000, options.tokenRequestTimeoutMs ?? 5_000);
  notices.push(...(await finishInterruptedDisconnects({ catalog, settings, vault, fetch: fetchImpl, emit }, revokeTimeoutMs)));
  const getConnection = (id: string) => view(vault.get(id));
  const health = new HealthWatch({ vault, view, emit });
  // Quick actions and paging send every byte through the console's own path. Their typed clients
  // (@googleapis/*, the Spotify SDK) are loaded on the first actions.* or api.paginate call, not
  // at start: the window and the console need none of them.
  let actionsLoaded: Promise<Actions> | undefined;
  const actions = (): Promise<Actions> =>
    (actionsLoaded ??= import('./actions').then(
      ({ createActions }) =>
        createActions(
          {
            // Pages are parsed, not kept: read whole into memory, no handle (they stay small).
            request: (payload, opts) => proxy.request(payload, { ...opts, keep: false }),
            getConnection,
            track(requestId) {
              const { controller, release } = proxy.track(requestId);
              return { signal: controller.signal, release };
            },
            emit,
            now,
            waiting: (connectionId) => proxy.waiting(connectionId),
          },
          { maxItems: options.maxPaginateItems ?? PAGINATE_MAX_ITEMS, maxBytes: options.maxPaginateBytes ?? PAGINATE_MAX_BYTES },
        ),
      (error: unknown) => {
        // A failed load is tried again on the next call rather than remembered.
        actionsLoaded = undefined;
        throw error;
      },
    ));

  // One disconnect for the window and the local API: requests in flight are cancelled and new ones
  // held off from the first moment, not only once the provider has revoked.
  const disconnectConnection = async (id: string) => {
    const result = await disconnect(
      { catalog, settings, vault, fetch: fetchImpl, emit, suspendRequests: (connectionId) => proxy.suspend(connectionId) },
      id,
    );
    // Its pacing state would otherwise stay for the life of the process.
    if (!vault.find(id)) proxy.forget(id);
    return result;
  };
  const localApi = new LocalApi({
    dataDir: options.dataDir,
    settings: settingsStore,
    now,
    options: options.localApi ?? {},
    catalog,
    vault,
    view,
    flows,
    proxy,
    disconnect: (id) => disconnectConnection(id),
  });
  notices.push(...localApi.keys.notices);
  // Off unless the person turned it on; a taken port shows in Settings rather than failing the start.
  await localApi.start();

  const services = (): Service[] =>
    Object.values(catalog.services).map(({ definition, provider, apiBaseUrl, allowedOrigins }) => ({
      id: definition.id,
      provider: provider.id,
      name: definition.name,
      scopes: [...provider.identityScopes, ...definition.scopes],
      optionalScopes: definition.optionalScopes,
      scopeInfo: scopeInfo([...provider.identityScopes, ...definition.scopes], definition.optionalScopes),
      apiBaseUrl,
      allowedOrigins: [...allowedOrigins],
      configured: settings.credentials(provider.id) !== null,
      testPath: definition.testPath,
      docsUrl: definition.docsUrl,
    }));

  const handlers: Handlers = {
    'app.info': () => ({ storage: storage(), protocolScheme, notices: notices.splice(0) }),
    'settings.acceptInsecureStorage': ({ accept }) => {
      settingsStore.insecureStorageAccepted = accept;
      if (!settingsStore.consent.allowed) flows.endForWithdrawnConsent();
      const info = storage();
      emit({ type: 'storage.changed', storage: info });
      return info;
    },
    'services.list': services,
    'settings.getProviders': () => PROVIDER_IDS.map((id) => settings.view(id)),
    'settings.setProvider': (payload) => settings.set(payload),
    'settings.getBodyCap': bodyCap,
    'settings.setBodyCap': ({ maxBodyBytes }) => {
      settingsStore.setBodyCap(maxBodyBytes);
      return bodyCap();
    },
    'oauth.start': ({ service, scopes, services }) => flows.start(service, scopes, { services }),
    'oauth.wait': ({ state }) => flows.wait(state),
    'oauth.cancel': ({ state }) => flows.cancel(state),
    'connections.list': () => {
      health.check();
      return vault.list().map(view);
    },
    'connections.get': ({ id }) => {
      health.check();
      return getConnection(id);
    },
    'connections.pace': ({ id }) => (getConnection(id), proxy.pace(id)),
    'connections.delete': ({ id }) => disconnectConnection(id),
    'connections.import': ({ service, refreshToken }) => importRefreshToken(signInDeps, service, refreshToken),
    'api.request': (payload) => proxy.request(payload),
    'api.cancel': ({ requestId }) => proxy.cancel(requestId),
    'actions.list': async ({ service }) => (await actions()).list(service),
    'actions.run': async (payload) => (await actions()).run(payload),
    'api.paginate': async (payload) => (await actions()).paginate(payload),
    'api.body': (payload) => bodies.read(payload),
    'api.saveBody': ({ handle }) => bodies.save(handle),
    'saved.list': ({ service }) => saved.list(service),
    'saved.save': ({ service, name, request }) => saved.save(service, name, request),
    'saved.rename': ({ id, name }) => saved.rename(id, name),
    'saved.delete': ({ id }) => saved.delete(id),
    'saved.export': ({ service }) => saved.export(service),
    'saved.import': ({ text }) => saved.import(text),
    'api.export': (payload) =>
      runExport(
        {
          ...(options.chooseSavePath ? { chooseSavePath: (request) => options.chooseSavePath?.(request) ?? Promise.resolve(null) } : {}),
          walkPages: async ({ kind: _kind, ...page }, requestId, sink) =>
            (await actions()).walkPages({ ...page, ...(requestId ? { requestId } : {}) }, sink),
        },
        payload,
      ),
    'localApi.status': () => localApi.status(),
    'localApi.configure': (payload) => localApi.configure(payload),
    'localApi.keys.list': () => localApi.listKeys(),
    'localApi.keys.create': ({ name, services }) => localApi.createKey(name, services),
    'localApi.keys.revoke': ({ id }) => localApi.revokeKey(id),
    'localApi.log': ({ limit }) => localApi.recent(limit),
  };

  health.start();
  let closed = false;
  const invokeUntrusted = async (channel: unknown, payload: unknown): Promise<unknown> => {
    if (closed) throw new CoreError('cancelled', 'Junction is closing.');
    try {
      return await dispatch(handlers, channel, payload);
    } catch (error) {
      if (error instanceof CoreError) throw error;
      // A bug, not an answer: keep the stack out of the message and any secret out of the log.
      console.error('[junction] unexpected error in', String(channel), error instanceof Error ? error.name : typeof error);
      throw internalError(error);
    }
  };
  return {
    invoke: (channel, payload) => invokeUntrusted(channel, payload) as Promise<never>,
    invokeUntrusted,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    handleProtocolUrl: (url) => (closed ? Promise.resolve(false) : flows.handleProtocolUrl(url)),
    async close() {
      closed = true;
      await localApi.close();
      health.stop();
      flows.close();
      listeners.clear();
      await proxy.close();
      await bodyWorker.close();
      bodyStore.close();
      vault.flushUsage();
    },
  };
}
