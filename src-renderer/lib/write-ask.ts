// The write confirmation's words for one request: method, the URL as the core will send it, and
// the body in words (body-summary.ts). Plain data; the console and History's Re-run both use it.
import type { Connection, Service } from '../../src-shared/types';
import type { WriteAsk } from '../stores/write-guard';
import { summarizeBody } from './body-summary';
import { METHODS_WITH_BODY, type RequestDraft } from './request';
import { resolveTarget } from './target';

export function requestAsk(draft: RequestDraft, connection: Connection, account: string, service: Service | undefined): WriteAsk {
  const target = { apiBaseUrl: connection.apiBaseUrl, ...(service?.allowedOrigins ? { allowedOrigins: service.allowedOrigins } : {}) };
  const name = service?.name ?? connection.service;
  return {
    title: `Send ${draft.method} as ${account}?`,
    description: `This request can change your ${name} account; Junction cannot undo it for you.`,
    targets: [{ method: draft.method, url: resolveTarget(target, draft.url, draft.query).url }],
    rows: METHODS_WITH_BODY.includes(draft.method) ? summarizeBody(draft.body) : [],
    confirmLabel: 'Yes, send it',
  };
}
