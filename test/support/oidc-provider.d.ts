// oidc-provider ships no types and @types/oidc-provider is not installed: this declares only the
// part of its API the test peers use, so the peers stay strictly typed without `any`.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface AdapterPayload {
    [key: string]: unknown;
    grantId?: string;
    uid?: string;
    userCode?: string;
    jti?: string;
    consumed?: number;
  }

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface OIDCContext {
    body?: Record<string, string | string[] | undefined>;
    client?: { clientId: string };
    entities?: { Account?: { accountId: string } };
  }

  export interface KoaContextWithOIDC {
    path: string;
    method: string;
    status: number;
    /** The response body Koa will send: an object for JSON answers such as the token endpoint's. */
    body?: unknown;
    oidc?: OIDCContext;
  }

  export type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    application_type?: 'web' | 'native';
    token_endpoint_auth_method?: string;
    redirect_uris: string[];
    grant_types?: string[];
    response_types?: string[];
  }

  export interface ResourceServer {
    scope: string;
    audience?: string;
    accessTokenTTL?: number;
    accessTokenFormat?: 'opaque' | 'jwt';
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface Interaction {
    uid: string;
  }

  export interface Configuration {
    clients?: ClientMetadata[];
    adapter?: (name: string) => Adapter;
    jwks?: { keys: object[] };
    cookies?: { keys?: string[] };
    claims?: Record<string, string[]>;
    scopes?: string[];
    responseTypes?: string[];
    pkce?: { required?: () => boolean };
    ttl?: Record<string, number>;
    findAccount?: (ctx: KoaContextWithOIDC, id: string) => Promise<Account | undefined>;
    issueRefreshToken?: () => Promise<boolean>;
    rotateRefreshToken?: () => boolean;
    expiresWithSession?: () => Promise<boolean>;
    revokeGrantPolicy?: () => boolean;
    interactions?: { url?: (ctx: KoaContextWithOIDC, interaction: Interaction) => string };
    features?: {
      devInteractions?: { enabled: boolean };
      revocation?: {
        enabled: boolean;
        allowedPolicy?: (ctx: KoaContextWithOIDC, client: { clientId: string }, token: { clientId: string }) => Promise<boolean>;
      };
      introspection?: { enabled: boolean; allowedPolicy?: () => Promise<boolean> };
      userinfo?: { enabled: boolean };
      resourceIndicators?: {
        enabled: boolean;
        defaultResource?: () => Promise<string>;
        useGrantedResource?: () => Promise<boolean>;
        getResourceServerInfo?: (ctx: KoaContextWithOIDC, indicator: string) => Promise<ResourceServer>;
      };
    };
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, string | undefined>;
    session?: { accountId: string };
    grantId?: string;
  }

  export interface InteractionResult {
    login?: { accountId: string };
    consent?: { grantId: string };
    error?: string;
    error_description?: string;
  }

  export interface AccessToken {
    jti: string;
    accountId: string;
    clientId: string;
    grantId: string;
    scope?: string;
    aud?: string | string[];
    exp: number;
    readonly isExpired: boolean;
    destroy(): Promise<void>;
  }

  export interface RefreshToken {
    jti: string;
    grantId: string;
    /** Set once the token was used in a rotating refresh: it is spent. */
    consumed?: number;
    readonly isExpired: boolean;
  }

  export interface Grant {
    accountId: string;
    clientId: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    rejectResourceScope(resource: string, scope: string): void;
    getOIDCScope(): string;
    getResourceScope(resource: string): string;
    save(): Promise<string>;
    destroy(): Promise<void>;
  }

  export interface GrantStatic {
    new (init: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  }

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    readonly AccessToken: { find(value: string, options?: { ignoreExpiration?: boolean }): Promise<AccessToken | undefined> };
    readonly RefreshToken: { find(value: string, options?: { ignoreExpiration?: boolean }): Promise<RefreshToken | undefined> };
    readonly Grant: GrantStatic;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    use(middleware: Middleware): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResult,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }

  export default Provider;
}
