// The JSON tree as a flat list of rows for a virtualized list. Only open containers are known;
// their children are read a page at a time when a row needs them, so a 100 MB answer costs the
// window what is on screen, not what is in the body. Row lookups walk open containers only
// (each node counts the rows below it), never all children.
import type { JsonChild, JsonNodeType, JsonPathSegment } from '../../../../src-shared/body';
import type { BodySource } from '../../../lib/body-source';

/** Children read in one `api.body` call. */
export const TREE_PAGE = 200;

export interface TreeNode {
  path: JsonPathSegment[];
  parent: TreeNode | null;
  type: JsonNodeType;
  total: number;
  pages: Map<number, JsonChild[]>;
  /** Open children by position. */
  open: Map<number, TreeNode>;
  sorted: number[];
  /** Rows shown below this node: its children plus what their open children show. */
  rows: number;
}

export interface TreeRow {
  index: number;
  depth: number;
  /** The container holding this row; null for the root row. */
  parent: TreeNode | null;
  position: number;
  /** Undefined while the page holding it is read. */
  child?: JsonChild;
  /** Set when the row is an open container. */
  node?: TreeNode;
}

function newNode(path: JsonPathSegment[], parent: TreeNode | null, type: JsonNodeType, total: number): TreeNode {
  return { path, parent, type, total, pages: new Map(), open: new Map(), sorted: [], rows: total };
}

function grow(node: TreeNode | null, by: number): void {
  for (let n = node; n; n = n.parent) n.rows += by;
}

export class TreeModel {
  root: TreeNode | null = null;
  rootChild: JsonChild | null = null;
  rootOpen = true;
  error: string | null = null;
  version = 0;
  private listeners = new Set<() => void>();
  private loading = new Set<string>();

  constructor(readonly source: BodySource) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  private started: Promise<void> | null = null;

  /** Reads the root, once; `depth` 2 opens the root's containers too (an error body reads at a glance). */
  init(depth = 1): Promise<void> {
    this.started ??= this.readRoot(depth);
    return this.started;
  }

  private async readRoot(depth: number): Promise<void> {
    try {
      const page = await this.source.children([], 0, TREE_PAGE);
      const root = newNode([], null, page.type, page.total);
      root.pages.set(0, page.children);
      this.root = root;
      const size = page.type === 'array' || page.type === 'object' ? page.total : undefined;
      this.rootChild = { key: '', type: page.type, preview: summary(page.type, page.total), ...(size === undefined ? {} : { size }) };
      if (depth >= 2) for (const [i, c] of page.children.entries()) if (c.size) this.openAt(root, i, c);
    } catch (error) {
      this.error = (error as Error).message || 'The body could not be read.';
    }
    this.changed();
  }

  rowCount(): number {
    if (!this.root) return 0;
    return 1 + (this.rootOpen ? this.root.rows : 0);
  }

  row(index: number): TreeRow {
    if (index === 0 || !this.root)
      return {
        index: 0,
        depth: 0,
        parent: null,
        position: 0,
        ...(this.rootChild ? { child: this.rootChild } : {}),
        ...(this.root && this.rootOpen ? { node: this.root } : {}),
      };
    return this.rowIn(this.root, index - 1, 1, index);
  }

  private rowIn(node: TreeNode, i: number, depth: number, index: number): TreeRow {
    let consumed = 0;
    let next = 0;
    for (const p of node.sorted) {
      const plain = p - next + 1;
      if (i < consumed + plain) return this.plainRow(node, next + (i - consumed), depth, index);
      consumed += plain;
      const open = node.open.get(p) as TreeNode;
      if (i < consumed + open.rows) return this.rowIn(open, i - consumed, depth + 1, index);
      consumed += open.rows;
      next = p + 1;
    }
    return this.plainRow(node, next + (i - consumed), depth, index);
  }

  private plainRow(parent: TreeNode, position: number, depth: number, index: number): TreeRow {
    const child = parent.pages.get(Math.floor(position / TREE_PAGE))?.[position % TREE_PAGE];
    const node = parent.open.get(position);
    if (!child) void this.load(parent, Math.floor(position / TREE_PAGE));
    return { index, depth, parent, position, ...(child ? { child } : {}), ...(node ? { node } : {}) };
  }

  /** The row index of the child at `positions` (one position per level below the root). */
  indexOf(positions: number[]): number {
    let index = 0;
    let node = this.root;
    for (const p of positions) {
      if (!node) break;
      index += 1 + p;
      for (const q of node.sorted) if (q < p) index += (node.open.get(q) as TreeNode).rows;
      node = node.open.get(p) ?? null;
    }
    return index;
  }

  toggle(row: TreeRow): void {
    if (!row.parent) {
      this.rootOpen = !this.rootOpen;
    } else if (row.node) {
      this.closeAt(row.parent, row.position);
    } else if (row.child?.size) {
      this.openAt(row.parent, row.position, row.child);
    }
    this.changed();
  }

  private openAt(parent: TreeNode, position: number, child: JsonChild): TreeNode {
    const existing = parent.open.get(position);
    if (existing) return existing;
    const node = newNode([...parent.path, child.key], parent, child.type, child.size ?? 0);
    parent.open.set(position, node);
    parent.sorted = [...parent.open.keys()].sort((a, b) => a - b);
    grow(parent, node.rows);
    return node;
  }

  private closeAt(parent: TreeNode, position: number): void {
    const node = parent.open.get(position);
    if (!node) return;
    parent.open.delete(position);
    parent.sorted = parent.sorted.filter((p) => p !== position);
    grow(parent, -node.rows);
  }

  private async load(node: TreeNode, page: number): Promise<JsonChild[] | undefined> {
    const key = `${JSON.stringify(node.path)}#${page}`;
    if (node.pages.has(page)) return node.pages.get(page);
    if (this.loading.has(key)) return undefined;
    this.loading.add(key);
    try {
      const result = await this.source.children(node.path, page * TREE_PAGE, TREE_PAGE);
      node.pages.set(page, result.children);
      this.changed();
      return result.children;
    } catch (error) {
      this.error = (error as Error).message || 'The body could not be read.';
      this.changed();
      return undefined;
    } finally {
      this.loading.delete(key);
    }
  }

  /** Opens every container on the way to `path` and returns the row index of its end. */
  async reveal(path: JsonPathSegment[]): Promise<number | null> {
    if (!this.root) return null;
    if (!this.rootOpen) this.rootOpen = true;
    const positions: number[] = [];
    let node = this.root;
    for (const [depth, step] of path.entries()) {
      const position = await this.positionOf(node, step);
      if (position === null) return null;
      positions.push(position);
      if (depth === path.length - 1) break;
      const child = node.pages.get(Math.floor(position / TREE_PAGE))?.[position % TREE_PAGE];
      if (!child?.size) return null;
      node = this.openAt(node, position, child);
    }
    this.changed();
    return this.indexOf(positions);
  }

  private async positionOf(node: TreeNode, step: JsonPathSegment): Promise<number | null> {
    if (node.type === 'array' && typeof step === 'number') {
      if (step >= node.total) return null;
      const page = Math.floor(step / TREE_PAGE);
      if (!node.pages.has(page) && !(await this.load(node, page))) return null;
      return step;
    }
    for (let page = 0; page * TREE_PAGE < node.total; page++) {
      const children = node.pages.get(page) ?? (await this.fetchPage(node, page));
      if (!children) return null;
      const at = children.findIndex((c) => c.key === step);
      if (at >= 0) return page * TREE_PAGE + at;
    }
    return null;
  }

  private async fetchPage(node: TreeNode, page: number): Promise<JsonChild[] | undefined> {
    const result = await this.source.children(node.path, page * TREE_PAGE, TREE_PAGE);
    node.pages.set(page, result.children);
    return result.children;
  }
}

export function summary(type: JsonNodeType, size: number): string {
  if (type === 'array') return `${size} ${size === 1 ? 'item' : 'items'}`;
  if (type === 'object') return `${size} ${size === 1 ? 'key' : 'keys'}`;
  return '';
}
