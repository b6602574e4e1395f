// What `api.body` reads from one kept body: lines, a JSON node's children, a search, a JSONPath
// filter. Runs on the bytes as they are (a Buffer), in the main thread for small bodies' lines and
// children and in the body worker for everything else (worker.ts).
import {
  type BodyHandle,
  type BodyRequest,
  type BodyResult,
  type BodySearchMatch,
  type JsonChild,
  type JsonPathSegment,
} from '../../../src-shared/body';
import { CoreError } from '../errors';
import { BodyJsonError, decodeString, entryAt, previewAt, readContainer, skipSpace, typeAt, type ContainerTable } from './json-scan';
import { readSegments, segmentStarts } from './lines';
import type { GrowableOffsets } from './offsets';
import { runFilter } from './filter';
import { searchBody } from './search';

type Op<O extends BodyRequest['op']> = Extract<BodyRequest, { op: O }>;
type Result<O extends BodyResult['op']> = Extract<BodyResult, { op: O }>;

/** Container tables kept per body, counted in entries (4 offsets each). */
const MAX_CACHED_ENTRIES = 4_000_000;

export class BodyIndex {
  private segments: GrowableOffsets | undefined;
  private readonly containers = new Map<number, ContainerTable>();
  private cachedEntries = 0;
  private lastSearch: { key: string; total: number; matches: BodySearchMatch[] } | undefined;

  constructor(
    readonly bytes: Buffer,
    readonly kind: BodyHandle['kind'],
  ) {}

  lines({ start, count }: Op<'lines'>): Result<'lines'> {
    this.refuseBinary('read as lines');
    this.segments ??= segmentStarts(this.bytes);
    return { op: 'lines', start, lines: readSegments(this.bytes, this.segments, start, count), totalLines: this.segments.length };
  }

  children({ path, offset, limit }: Op<'children'>): Result<'children'> {
    this.refuseNotJson('children');
    return this.json(() => {
      const at = this.resolve(path);
      const type = typeAt(this.bytes, at);
      if (type !== 'object' && type !== 'array') return { op: 'children', path, type, total: 0, offset, children: [] };
      const table = this.container(at);
      const children: JsonChild[] = [];
      for (let n = offset; n < Math.min(table.count, offset + limit); n++) {
        const [keyStart, keyEnd, valueStart, valueEnd] = entryAt(table, n);
        const childType = typeAt(this.bytes, valueStart);
        const child: JsonChild = {
          key: table.type === 'object' ? decodeString(this.bytes, keyStart, keyEnd) : n,
          type: childType,
          preview: previewAt(this.bytes, valueStart, valueEnd),
        };
        if (childType === 'object' || childType === 'array') child.size = this.container(valueStart).count;
        children.push(child);
      }
      return { op: 'children', path, type, total: table.count, offset, children };
    });
  }

  search(request: Op<'search'>): Result<'search'> {
    this.refuseBinary('searched');
    const key = `${request.mode}\u0000${request.query}`;
    if (this.lastSearch?.key !== key) {
      this.segments ??= this.kind === 'json' ? undefined : segmentStarts(this.bytes);
      const found = this.json(() =>
        searchBody(this.bytes, this.kind, this.segments, request.query, request.mode, (at) => this.lookupTable(at)),
      );
      this.lastSearch = { key, ...found };
    }
    const { total, matches } = this.lastSearch;
    return { op: 'search', total, offset: request.offset, matches: matches.slice(request.offset, request.offset + request.limit) };
  }

  filter({ expression }: Op<'filter'>): Result<'filter'> {
    this.refuseNotJson('filter');
    return runFilter(this.bytes, expression);
  }

  /** Bytes held besides the body itself. */
  get overheadBytes(): number {
    return (this.segments?.bytes ?? 0) + this.cachedEntries * 16;
  }

  private resolve(path: JsonPathSegment[]): number {
    let at = skipSpace(this.bytes, 0);
    if (at >= this.bytes.length) throw new BodyJsonError('The body is not valid JSON: it is empty.');
    for (const [depth, segment] of path.entries()) {
      const type = typeAt(this.bytes, at);
      const table = type === 'object' || type === 'array' ? this.container(at) : undefined;
      const n = table ? find(this.bytes, table, segment) : -1;
      if (!table || n === -1) {
        throw new CoreError(
          'invalid_input',
          `path.${depth}: ${JSON.stringify(segment)} is not in this answer's JSON; read the parent's children again.`,
        );
      }
      at = entryAt(table, n)[2];
    }
    return at;
  }

  private container(at: number): ContainerTable {
    const cached = this.containers.get(at);
    if (cached) return cached;
    // The root's first containers are read in the same pass (json-scan.ts, readContainer).
    const root = at === skipSpace(this.bytes, 0);
    const table = readContainer(this.bytes, at, root ? { first: 32, keep: (child, nested) => this.remember(child, nested) } : undefined);
    this.remember(at, table);
    return table;
  }

  /** For a search: big containers are kept (the next search needs them too), small ones read and dropped. */
  private lookupTable(at: number): ContainerTable {
    const cached = this.containers.get(at);
    if (cached) return cached;
    if (at === skipSpace(this.bytes, 0)) return this.container(at);
    const table = readContainer(this.bytes, at);
    if (table.end - at > 64 * 1024) this.remember(at, table);
    return table;
  }

  private remember(at: number, table: ContainerTable): void {
    // Oldest first out: the tree the person is looking at is what was read last.
    while (this.cachedEntries + table.count > MAX_CACHED_ENTRIES && this.containers.size > 0) {
      const [oldest, dropped] = this.containers.entries().next().value as [number, ContainerTable];
      this.containers.delete(oldest);
      this.cachedEntries -= dropped.count;
    }
    this.containers.set(at, table);
    this.cachedEntries += table.count;
  }

  private json<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      if (error instanceof BodyJsonError) throw new CoreError('invalid_input', `${error.message} Read it with lines instead.`);
      throw error;
    }
  }

  private refuseBinary(what: string): void {
    if (this.kind === 'binary')
      throw new CoreError('invalid_input', `This answer is binary and cannot be ${what}; save it to a file instead.`);
  }

  private refuseNotJson(op: string): void {
    if (this.kind !== 'json')
      throw new CoreError('invalid_input', `op: ${op} needs a JSON answer and this one is ${this.kind}; read it with lines.`);
  }
}

function find(bytes: Buffer, table: ContainerTable, segment: JsonPathSegment): number {
  if (table.type === 'array') return typeof segment === 'number' && segment < table.count ? segment : -1;
  if (typeof segment !== 'string') return -1;
  if (!table.keys) {
    table.keys = new Map();
    // The first of a repeated key wins, as the viewer lists them.
    for (let n = table.count - 1; n >= 0; n--) table.keys.set(decodeString(bytes, table.offsets.at(n * 4), table.offsets.at(n * 4 + 1)), n);
  }
  return table.keys.get(segment) ?? -1;
}
