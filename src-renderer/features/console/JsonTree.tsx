// A collapsible, highlighted JSON tree that stays usable for multi-megabyte responses: nothing
// below a collapsed node is rendered, and large containers show their children a page at a time.
import { useState } from 'react';

export const PAGE_SIZE = 100;
const STRING_PREVIEW = 300;

type Json = unknown;

function isContainer(value: Json): value is Record<string, Json> | Json[] {
  return value !== null && typeof value === 'object';
}

function size(value: Record<string, Json> | Json[]): number {
  return Array.isArray(value) ? value.length : Object.keys(value).length;
}

function StringValue({ text }: { text: string }) {
  const [full, setFull] = useState(false);
  const long = text.length > STRING_PREVIEW;
  const shown = long && !full ? `${text.slice(0, STRING_PREVIEW)}…` : text;
  return (
    <>
      <span className="j-str">{JSON.stringify(shown)}</span>
      {long && (
        <button type="button" className="link j-more" onClick={() => setFull(!full)}>
          {full ? 'shorten' : `show all ${text.length} characters`}
        </button>
      )}
    </>
  );
}

function Primitive({ value }: { value: Json }) {
  if (value === null) return <span className="j-null">null</span>;
  switch (typeof value) {
    case 'string':
      return <StringValue text={value} />;
    case 'number':
      return <span className="j-num">{String(value)}</span>;
    case 'boolean':
      return <span className="j-bool">{String(value)}</span>;
    default:
      return <span className="j-null">{String(value)}</span>;
  }
}

function Key({ name }: { name: string | number | null }) {
  if (name === null) return null;
  return (
    <>
      <span className={typeof name === 'number' ? 'j-index' : 'j-key'}>{typeof name === 'number' ? name : JSON.stringify(name)}</span>
      <span className="j-punct">: </span>
    </>
  );
}

interface NodeProps {
  name: string | number | null;
  value: Json;
  defaultOpen?: boolean;
}

function JsonNode({ name, value, defaultOpen = false }: NodeProps) {
  const [open, setOpen] = useState(defaultOpen);
  const [limit, setLimit] = useState(PAGE_SIZE);
  if (!isContainer(value)) {
    return (
      <li className="j-leaf">
        <Key name={name} />
        <Primitive value={value} />
      </li>
    );
  }
  const array = Array.isArray(value);
  const count = size(value);
  const [openBrace, closeBrace] = array ? ['[', ']'] : ['{', '}'];
  const summary = `${count} ${array ? (count === 1 ? 'item' : 'items') : count === 1 ? 'key' : 'keys'}`;
  const label = name === null ? 'root' : String(name);
  let children: [string | number, Json][] = [];
  if (open) {
    children = array
      ? (value as Json[]).slice(0, limit).map((v, i) => [i, v])
      : Object.keys(value)
          .slice(0, limit)
          .map((k) => [k, (value as Record<string, Json>)[k]]);
  }
  return (
    <li className="j-node">
      <button type="button" className="j-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="j-caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        {/* The name as content, not aria-label: the caret alone gives axe no visible label to match. */}
        <span className="sr-only">{`${open ? 'Collapse' : 'Expand'} ${label}, ${summary}`}</span>
      </button>
      <Key name={name} />
      <span className="j-punct">{openBrace}</span>
      {!open && (
        <>
          <span className="j-summary"> {summary} </span>
          <span className="j-punct">{closeBrace}</span>
        </>
      )}
      {open && (
        <>
          <ul className="j-children">
            {children.map(([k, v]) => (
              <JsonNode key={k} name={k} value={v} />
            ))}
            {count > limit && (
              <li>
                <button type="button" className="link" onClick={() => setLimit(limit + PAGE_SIZE * 10)}>
                  Show {Math.min(PAGE_SIZE * 10, count - limit)} more of {count - limit} remaining
                </button>
              </li>
            )}
          </ul>
          <span className="j-punct">{closeBrace}</span>
        </>
      )}
    </li>
  );
}

export default function JsonTree({ value }: { value: Json }) {
  return (
    <ul className="json-tree" aria-label="Response body as a JSON tree">
      <JsonNode name={null} value={value} defaultOpen />
    </ul>
  );
}
