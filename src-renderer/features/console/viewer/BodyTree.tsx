// The JSON tree of a response body, virtualized: only the rows on screen exist in the DOM, and
// a container's children are read (a page at a time) when their rows scroll into view.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { JsonChild } from '../../../../src-shared/body';
import { summary, type TreeModel, type TreeRow } from './tree-model';
import { listHeight, observeRectWithFallback, ROW_HEIGHT } from './virtual';

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
        <button
          type="button"
          className="j-toggle"
          aria-expanded={open}
          aria-label={`${open ? 'Collapse' : 'Expand'} ${label}, ${text}`}
          onClick={() => tree.toggle(row)}
        >
          <span className="j-caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
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

export interface ScrollTarget {
  index: number;
  /** Changes on every jump, so jumping twice to one row scrolls twice. */
  nonce: number;
}

export function BodyTree({ tree, target, label }: { tree: TreeModel; target: ScrollTarget | null; label: string }) {
  useSyncExternalStore(tree.subscribe, tree.getVersion);
  const scroller = useRef<HTMLDivElement>(null);
  const count = tree.rowCount();
  // eslint-disable-next-line react-hooks/incompatible-library -- read afresh each render, as the virtualizer wants
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
    observeElementRect: observeRectWithFallback,
  });
  useEffect(() => {
    if (target && target.index < count) virtualizer.scrollToIndex(target.index, { align: 'center' });
  }, [target, count, virtualizer]);
  if (tree.error)
    return (
      <p className="notice notice-error" role="alert">
        {tree.error}
      </p>
    );
  if (!tree.root) return <p className="muted">Reading the body…</p>;
  return (
    <div
      className="viewer-scroll json-tree"
      ref={scroller}
      tabIndex={0}
      role="region"
      aria-label={label}
      style={{ height: listHeight(count) }}
    >
      <div role="list" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = tree.row(item.index);
          const current = target?.index === item.index;
          return (
            <div
              key={item.key}
              role="listitem"
              className={current ? 'v-row j-current' : 'v-row'}
              aria-current={current ? 'true' : undefined}
              style={{ transform: `translateY(${item.start}px)`, paddingLeft: `${row.depth * 20}px` }}
            >
              <Row row={row} tree={tree} current={current} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
