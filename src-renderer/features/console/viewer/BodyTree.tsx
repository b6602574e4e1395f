// The JSON tree of a response body, virtualized: only the rows on screen exist in the DOM, and
// a container's children are read (a page at a time) when their rows scroll into view.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { JsonChild } from '../../../../src-shared/body';
import { summary, type TreeModel, type TreeRow } from './tree-model';
import { useFixedRows } from './use-fixed-rows';
import { listHeight } from './virtual';

const VALUE_CLASS: Record<JsonChild['type'], string> = {
  string: 'j-str',
  number: 'j-num',
  boolean: 'j-bool',
  null: 'j-null',
  object: 'j-summary',
  array: 'j-summary',
};

function Key({ row }: { row: TreeRow }) {
  if (!row.parent || !row.child) return null;
  const key = row.child.key;
  return (
    <>
      <span className={typeof key === 'number' ? 'j-index' : 'j-key'}>{typeof key === 'number' ? key : JSON.stringify(key)}</span>
      <span className="j-punct">: </span>
    </>
  );
}

function Row({ row, tree, current }: { row: TreeRow; tree: TreeModel; current: boolean }) {
  const child = row.child;
  if (!child) return <span className="muted">…</span>;
  const container = child.type === 'object' || child.type === 'array';
  const open = Boolean(row.node) || (!row.parent && tree.rootOpen);
  const [openBrace, closeBrace] = child.type === 'array' ? ['[', ']'] : ['{', '}'];
  const label = row.parent ? String(child.key) : 'root';
  const text = container ? summary(child.type, child.size ?? 0) : child.preview;
  return (
    <>
      {container && child.size ? (
        <button type="button" className="j-toggle" aria-expanded={open} onClick={() => tree.toggle(row)}>
          <span className="j-caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          {/* The name as content, not aria-label: the caret alone gives axe no visible label to match. */}
          <span className="sr-only">{`${open ? 'Collapse' : 'Expand'} ${label}, ${text}`}</span>
        </button>
      ) : (
        <span className="j-toggle" aria-hidden="true" />
      )}
      <Key row={row} />
      {container && <span className="j-punct">{openBrace} </span>}
      <span className={current ? `${VALUE_CLASS[child.type]} j-hit` : VALUE_CLASS[child.type]}>{text}</span>
      {container && <span className="j-punct"> {closeBrace}</span>}
    </>
  );
}

export function range(start: number, end: number): number[] {
  return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}

export interface ScrollTarget {
  index: number;
  /** Changes on every jump, so jumping twice to one row scrolls twice. */
  nonce: number;
}

/** Lines of the answer's first page shown while the main process indexes a big body. */
const PREVIEW_LINES = 40;

/** The first page as it arrived, until the tree can be read: a big body shows at once. */
function FirstPage({ text }: { text: string | undefined }) {
  if (!text) return <p className="muted">Reading the body…</p>;
  const lines = text.slice(0, 16_384).split('\n').slice(0, PREVIEW_LINES);
  return (
    <div className="first-page">
      <p className="muted" role="status">
        Indexing the body; the tree follows. Its start:
      </p>
      <pre className="raw-lines first-page-text" tabIndex={0} aria-label="The body's first page">
        {lines.map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line)).join('\n')}
      </pre>
    </div>
  );
}

export function BodyTree({
  tree,
  target,
  label,
  preview,
}: {
  tree: TreeModel;
  target: ScrollTarget | null;
  label: string;
  /** Shown while the root is read (ApiResponse.body: a big answer's first page). */
  preview?: string;
}) {
  useSyncExternalStore(tree.subscribe, tree.getVersion);
  const count = tree.rowCount();
  const { attach, onScroll, totalHeight, start, end, top, scrollToIndex } = useFixedRows(count);
  // Scroll once per jump (its nonce), not on every render the rows cause.
  const jumped = useRef<ScrollTarget | null>(null);
  useEffect(() => {
    if (!target || target === jumped.current || target.index >= count) return;
    jumped.current = target;
    scrollToIndex(target.index);
  });
  if (tree.error)
    return (
      <p className="notice notice-error" role="alert">
        {tree.error}
      </p>
    );
  if (!tree.root) return <FirstPage text={preview} />;
  return (
    <div
      className="viewer-scroll json-tree"
      ref={attach}
      tabIndex={0}
      role="region"
      aria-label={label}
      style={{ height: listHeight(count) }}
      onScroll={onScroll}
    >
      <div role="list" style={{ height: totalHeight, position: 'relative' }}>
        {range(start, end).map((index) => {
          const row = tree.row(index);
          const current = target?.index === index;
          return (
            <div
              key={index}
              role="listitem"
              className={current ? 'v-row j-current' : 'v-row'}
              aria-current={current ? 'true' : undefined}
              style={{ transform: `translateY(${top(index)}px)`, paddingLeft: `${row.depth * 20}px` }}
            >
              <Row row={row} tree={tree} current={current} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
