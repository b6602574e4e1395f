import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { apiErrorBody, type PeerKind } from './api-errors';
import { clientGone, sleep } from './http-utils';
import type { ApiRequest, ResourceServer } from './resource-server';

const G = 'https://www.googleapis.com/auth/';

/** Each service's API base path on the peer's resource server (CoreOptions.services shape). */
export const API_BASE_PATHS = {
  google: { google_gmail: '/gmail/v1', google_calendar: '/calendar/v3', google_drive: '/drive/v3', google_docs: '/docs/v1' },
  spotify: { spotify: '/v1' },
} as const;

/** The who-am-I routes the real APIs offer (docs/providers.md), answered for the token's account. */
export function installProfileRoutes(api: ResourceServer, kind: PeerKind): void {
  if (kind === 'spotify') {
    api.route('GET', '/v1/me', ({ account, token, baseUrl }) => {
      if (!account || !token) return { status: 401, json: apiErrorBody('spotify', 401) };
      // Spotify fills email only with user-read-email, country and product only with user-read-private.
      const canReadPrivate = token.scopes.includes('user-read-private');
      return {
        json: {
          id: account.sub,
          display_name: account.name,
          ...(token.scopes.includes('user-read-email') ? { email: account.email } : {}),
          ...(canReadPrivate ? { country: account.country ?? 'GB', product: account.product ?? 'premium' } : {}),
          ...(canReadPrivate ? { explicit_content: { filter_enabled: false, filter_locked: false } } : {}),
          external_urls: { spotify: `https://open.spotify.com/user/${account.sub}` },
          followers: { href: null, total: 0 },
          href: `${baseUrl}/v1/users/${account.sub}`,
          images: [],
          type: 'user',
          uri: `spotify:user:${account.sub}`,
        },
      };
    });
    return;
  }
  api.route(
    'GET',
    '/gmail/v1/users/me/profile',
    ({ account }) => ({
      json: { emailAddress: account?.email, messagesTotal: 1234, threadsTotal: 567, historyId: '98765' },
    }),
    { scopes: ['gmail.readonly', 'gmail.modify', 'gmail.compose', 'gmail.metadata'].map((s) => G + s).concat('https://mail.google.com/') },
  );

  api.route(
    'GET',
    '/calendar/v3/users/me/calendarList/primary',
    ({ account }) => ({
      json: {
        kind: 'calendar#calendarListEntry',
        etag: '"1700000000000000"',
        id: account?.email,
        summary: account?.email,
        timeZone: 'Europe/London',
        colorId: '14',
        backgroundColor: '#9fe1e7',
        foregroundColor: '#000000',
        selected: true,
        accessRole: 'owner',
        defaultReminders: [{ method: 'popup', minutes: 10 }],
        primary: true,
      },
      // calendarList.get is refused to a token holding calendar.events only, as at Google.
    }),
    { scopes: ['calendar', 'calendar.readonly', 'calendar.calendarlist', 'calendar.calendarlist.readonly'].map((s) => G + s) },
  );

  api.route(
    'GET',
    '/drive/v3/about',
    ({ account, query }) => {
      const fields = query.get('fields');
      if (!fields) return { status: 400, json: apiErrorBody('google', 400, "The 'fields' parameter is required for this operation.") };
      const about: Record<string, unknown> = {
        kind: 'drive#about',
        user: {
          displayName: account?.name,
          emailAddress: account?.email,
          kind: 'drive#user',
          me: true,
          permissionId: `perm-${account?.sub}`,
        },
        storageQuota: { limit: '16106127360', usage: '1048576', usageInDrive: '524288', usageInDriveTrash: '0' },
      };
      if (fields === '*') return { json: about };
      const picked = Object.fromEntries(
        fields
          .split(',')
          .map((f) => f.trim())
          .filter((f) => f in about)
          .map((f) => [f, about[f]]),
      );
      return { json: picked };
    },
    { scopes: ['drive', 'drive.file', 'drive.readonly', 'drive.metadata', 'drive.metadata.readonly', 'drive.appdata'].map((s) => G + s) },
  );
}

function sizeOf(request: ApiRequest, fallback: number): number {
  const bytes = Number(request.query.get('bytes') ?? fallback);
  return Number.isFinite(bytes) && bytes >= 0 ? Math.floor(bytes) : fallback;
}

/** Streams `bytes` bytes in chunks, so big bodies really arrive in pieces. */
async function stream(
  request: ApiRequest,
  contentType: string,
  bytes: number,
  chunkOf: (offset: number, size: number) => Buffer,
): Promise<undefined> {
  const { res } = request;
  res.writeHead(200, { 'content-type': contentType, 'content-length': String(bytes) });
  const gone = clientGone(request.req, res);
  for (let offset = 0; offset < bytes && !gone.aborted; offset += 64 * 1024) {
    const size = Math.min(64 * 1024, bytes - offset);
    if (!res.write(chunkOf(offset, size))) await new Promise((resolve) => res.once('drain', resolve));
  }
  res.end();
  return undefined;
}

/** Routes for testing the core's HTTP handling, under `/test/` at the root and under every API base. */
export function installTestRoutes(api: ResourceServer, kind: PeerKind): void {
  const prefixes = ['', ...Object.values(API_BASE_PATHS[kind])];
  for (const prefix of prefixes) {
    const open = { auth: false };
    api.route(
      '*',
      `${prefix}/test/echo`,
      (request) => {
        const { authorization, ...headers } = request.headers;
        return {
          json: {
            method: request.method,
            path: request.path,
            query: Object.fromEntries(request.query),
            // The token itself is never echoed: only whether one came and whether it was live.
            headers,
            bearerPresented: authorization !== undefined,
            authorized: request.token !== null,
            body: request.body,
          },
        };
      },
      open,
    );

    api.route(
      'GET',
      `${prefix}/test/big`,
      (request) => {
        const bytes = sizeOf(request, 1024 * 1024);
        if (request.query.get('type') === 'text') {
          return stream(request, 'text/plain; charset=utf-8', bytes, (_offset, size) => Buffer.alloc(size, 'a'));
        }
        // A JSON string padded to exactly `bytes` bytes: {"data":"aaa…"}.
        const open = Buffer.from('{"data":"');
        const close = Buffer.from('"}');
        const total = Math.max(bytes, open.length + close.length);
        return stream(request, 'application/json; charset=utf-8', total, (offset, size) => {
          const chunk = Buffer.alloc(size, 'a');
          for (let i = 0; i < size; i += 1) {
            const at = offset + i;
            if (at < open.length) chunk[i] = open[at] ?? 0;
            else if (at >= total - close.length) chunk[i] = close[at - (total - close.length)] ?? 0;
          }
          return chunk;
        });
      },
      open,
    );

    api.route(
      'GET',
      `${prefix}/test/binary`,
      (request) => stream(request, 'application/octet-stream', sizeOf(request, 1024), (_offset, size) => randomBytes(size)),
      open,
    );

    // The JSON {"text": …, "acceptEncoding": …} sent with the content codings in `coding`
    // ("gzip", "deflate, br", …) applied in order; `pad` lengthens the text, `damage` cuts the
    // encoded body short and corrupts it; an unknown coding is named but not applied.
    api.route(
      'GET',
      `${prefix}/test/encoded`,
      (request) => {
        const coding = request.query.get('coding') ?? 'gzip';
        const text = `Grüße aus Junction ✓ ${'x'.repeat(Number(request.query.get('pad') ?? 0))}`;
        let body = Buffer.from(JSON.stringify({ text, acceptEncoding: request.headers['accept-encoding'] ?? null }));
        for (const name of coding.split(',').map((c) => c.trim())) {
          if (name === 'gzip' || name === 'x-gzip') body = zlib.gzipSync(body);
          else if (name === 'deflate') body = zlib.deflateSync(body);
          else if (name === 'br') body = zlib.brotliCompressSync(body);
          else if (name === 'zstd') body = zlib.zstdCompressSync(body);
        }
        if (request.query.has('damage'))
          body = Buffer.concat([body.subarray(0, 4), Buffer.from('not compressed at all'), body.subarray(4, 10)]);
        return { headers: { 'content-type': 'application/json; charset=utf-8', 'content-encoding': coding }, body };
      },
      open,
    );

    api.route(
      'GET',
      `${prefix}/test/redirect`,
      ({ query }) => ({
        status: Number(query.get('status') ?? 302),
        headers: { location: query.get('to') ?? '/' },
        body: '',
      }),
      open,
    );

    api.route(
      'GET',
      `${prefix}/test/slow`,
      async (request) => {
        const ms = Number(request.query.get('ms') ?? 1000);
        await sleep(ms, clientGone(request.req, request.res));
        return { json: { waitedMs: ms } };
      },
      open,
    );
  }
}
