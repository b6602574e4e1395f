// `api.body` and `api.saveBody` over the kept bodies (store.ts): small bodies' lines and children
// are read right here, anything else (spilled bodies, every search and filter) in the body worker.
import { copyFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { BodyRequest, BodyResult, SaveBodyResult } from '../../../src-shared/body';
import { CoreError } from '../errors';
import type { CoreOptions } from '../options';
import { BodyIndex } from './body-index';
import type { BodyStore, KeptBody } from './store';
import type { BodyWorker } from './worker-client';

const EXTENSIONS: [RegExp, string][] = [
  [/json/i, 'json'],
  [/^text\/html/i, 'html'],
  [/^text\/csv/i, 'csv'],
  [/xml/i, 'xml'],
  [/^text\//i, 'txt'],
  [/^application\/pdf/i, 'pdf'],
  [/^image\/png/i, 'png'],
  [/^image\/jpe?g/i, 'jpg'],
  [/^image\/gif/i, 'gif'],
  [/^image\/webp/i, 'webp'],
  [/^application\/zip/i, 'zip'],
];

/** A name for the save dialog: the URL's last segment, plus an extension from the content type. */
export function suggestedName(kept: Pick<KeptBody, 'url' | 'contentType'>): string {
  let last = '';
  try {
    last = decodeURIComponent(new URL(kept.url).pathname.split('/').filter(Boolean).pop() ?? '');
  } catch {
    // An undecodable segment: the default name below.
  }
  const stem =
    last
      .replace(/[^A-Za-z0-9._-]/g, '_')
      .replace(/^\.+/, '')
      .slice(0, 60) || 'answer';
  if (/\.[A-Za-z0-9]{1,5}$/.test(stem)) return stem;
  return `${stem}.${EXTENSIONS.find(([type]) => type.test(kept.contentType))?.[1] ?? 'bin'}`;
}

export class BodyService {
  private readonly indexes = new WeakMap<KeptBody, BodyIndex>();

  constructor(
    private readonly store: BodyStore,
    private readonly worker: BodyWorker,
    private readonly chooseSavePath: CoreOptions['chooseSavePath'],
  ) {}

  async read(request: BodyRequest): Promise<BodyResult> {
    if (request.op === 'release') return { op: 'release', released: this.store.release(request.handle) };
    const kept = this.store.get(request.handle);
    const { bytes } = kept;
    if (bytes && (request.op === 'lines' || request.op === 'children')) {
      let index = this.indexes.get(kept);
      if (!index) this.indexes.set(kept, (index = new BodyIndex(bytes, kept.handle.kind)));
      return request.op === 'lines' ? index.lines(request) : index.children(request);
    }
    const source = kept.file ? { file: kept.file } : { bytes: bytes as Buffer };
    return (await this.worker.read(request.handle, kept.handle.kind, source, request)) as BodyResult;
  }

  /**
   * A spilled JSON body is read and its root indexed as soon as it is in, while the answer is on
   * its way to the window: the window's first `children` then finds the work done or under way.
   */
  prefetch(kept: KeptBody): void {
    if (kept.handle.kind !== 'json' || !kept.file) return;
    const { id } = kept.handle;
    this.worker.read(id, 'json', { file: kept.file }, { handle: id, op: 'children', path: [], offset: 0, limit: 1 }).catch(() => undefined);
  }

  async save(handle: string): Promise<SaveBodyResult> {
    const first = this.store.get(handle);
    if (!this.chooseSavePath) throw new CoreError('invalid_input', 'Saving needs a save dialog, and this Junction has none.');
    const type = first.handle.kind === 'json' ? [{ name: 'JSON', extensions: ['json'] }] : [];
    const path = await this.chooseSavePath({
      title: 'Save the answer',
      defaultName: suggestedName(first),
      filters: [...type, { name: 'All files', extensions: ['*'] }],
    });
    if (path === null) return { saved: false };
    // Released while the dialog was open: say so rather than write half of nothing.
    const kept = this.store.get(handle);
    try {
      if (kept.file) await copyFile(kept.file, path);
      else await writeFile(path, kept.bytes ?? Buffer.alloc(0));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new CoreError('invalid_input', `Junction could not write ${basename(path)} (${code}); choose another folder or name.`);
    }
    return { saved: true, fileName: basename(path), bytes: kept.handle.sizeBytes };
  }
}
