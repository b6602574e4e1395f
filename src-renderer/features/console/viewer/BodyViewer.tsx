// A response's body, whatever its size: tree or raw lines over one BodySource, search (Ctrl+F),
// a JSONPath filter, save and a small-image preview. Big bodies stay in the main process and are
// read piece by piece; small ones are read from what the window already holds.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { BodySearchMatch } from '../../../../src-shared/body';
import type { ApiResponse } from '../../../../src-shared/types';
import { bodySourceFor, memorySource } from '../../../lib/body-source';
import { CopyButton } from '../../../ui/CopyButton';
import { formatBytes } from '../../../ui/format';
import { BodyTree, type ScrollTarget } from './BodyTree';
import { FilterBox, type FilterResult } from './FilterBox';
import { RawLines } from './RawLines';
import { SaveBody, ImagePreview } from './SaveBody';
import { SearchBar } from './SearchBar';
import { TreeModel } from './tree-model';
import { useBodySearch } from './use-body-search';

const noSubscribe = () => () => {};
const noVersion = () => 0;

function FilterView({ result }: { result: FilterResult }) {
  const tree = useMemo(() => {
    const model = new TreeModel(memorySource('json', result.json, JSON.parse(result.json) as unknown));
    void model.init(2);
    return model;
  }, [result]);
  return (
    <div className="filter-result">
      <p className="muted" role="status">
        {result.count} {result.count === 1 ? 'result' : 'results'} for <code>{result.expression}</code>
        {result.truncated ? ' (cut short: narrow the expression to see all)' : ''}
      </p>
      <BodyTree tree={tree} target={null} label="Filter result as a JSON tree" />
    </div>
  );
}

export function BodyViewer({ response }: { response: ApiResponse }) {
  const source = useMemo(() => bodySourceFor(response), [response]);
  const partial = Boolean(response.bodyHandle?.partial);
  const tree = useMemo(() => (source.kind === 'json' ? new TreeModel(source) : null), [source]);
  useEffect(() => void tree?.init(response.status >= 400 ? 2 : 1), [tree, response.status]);
  useSyncExternalStore(tree?.subscribe ?? noSubscribe, tree?.getVersion ?? noVersion);
  const [mode, setMode] = useState<'tree' | 'raw'>('tree');
  const [treeTarget, setTreeTarget] = useState<ScrollTarget | null>(null);
  const [rawTarget, setRawTarget] = useState<ScrollTarget | null>(null);
  const [filtered, setFiltered] = useState<FilterResult | null>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const nonce = useRef(0);
  const scalarRoot = tree?.root && tree.root.type !== 'object' && tree.root.type !== 'array';
  const showTree = tree && mode === 'tree' && !scalarRoot;

  const jump = useCallback(
    (match: BodySearchMatch) => {
      setFiltered(null);
      if (tree && match.line === undefined) {
        setMode('tree');
        void tree.reveal(match.path).then((index) => index !== null && setTreeTarget({ index, nonce: ++nonce.current }));
      } else if (match.line !== undefined) {
        if (tree) setMode('raw');
        setRawTarget({ index: match.line, nonce: ++nonce.current });
      }
    },
    [tree],
  );
  const search = useBodySearch(source, jump);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        searchInput.current?.focus();
        searchInput.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  if (source.kind === 'binary') {
    return (
      <>
        <div className="row body-tools">
          <SaveBody response={response} />
        </div>
        <ImagePreview response={response} />
        <p className="muted">A binary body of {formatBytes(response.sizeBytes)}: save it to a file to look at it.</p>
      </>
    );
  }
  if (!partial && !response.body) return <p className="muted">No body.</p>;
  return (
    <>
      <div className="row body-tools">
        {tree && !scalarRoot && (
          <button
            type="button"
            className="secondary"
            aria-pressed={mode === 'raw'}
            onClick={() => setMode(mode === 'tree' ? 'raw' : 'tree')}
          >
            {mode === 'tree' ? 'Raw' : 'Tree'}
          </button>
        )}
        {partial ? (
          <span className="muted">{formatBytes(response.sizeBytes)}, kept in Junction: read as you scroll.</span>
        ) : (
          <CopyButton label="Copy body" text={response.body} />
        )}
        <SaveBody response={response} />
      </div>
      <SearchBar search={search} input={searchInput} />
      {source.kind === 'json' && <FilterBox source={source} onResult={setFiltered} />}
      {filtered ? (
        <FilterView result={filtered} />
      ) : showTree ? (
        <BodyTree tree={tree} target={treeTarget} label="Body as a JSON tree" preview={partial ? response.body : undefined} />
      ) : (
        <RawLines source={source} target={rawTarget} label="Body as raw text" />
      )}
    </>
  );
}
