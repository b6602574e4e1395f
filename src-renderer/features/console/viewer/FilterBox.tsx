// A JSONPath filter over the body. The main process evaluates it (jsonpath-plus, next to the
// kept body); the window shows the result as JSON, or what is wrong with the expression.
import { useState } from 'react';
import type { BodySource } from '../../../lib/body-source';
import { errorMessage } from '../../../api/errors';

export interface FilterResult {
  expression: string;
  count: number;
  json: string;
  truncated: boolean;
}

export function FilterBox({ source, onResult }: { source: BodySource; onResult: (result: FilterResult | null) => void }) {
  const [expression, setExpression] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const apply = async () => {
    const text = expression.trim();
    setError(null);
    if (!text) {
      onResult(null);
      return;
    }
    setBusy(true);
    try {
      const result = await source.filter(text);
      onResult({ expression: text, ...result });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="row body-filter"
      aria-label="Filter the body"
      onSubmit={(e) => {
        e.preventDefault();
        void apply();
      }}
    >
      <input
        type="text"
        aria-label="JSONPath filter"
        placeholder="JSONPath, e.g. $.items[*].id"
        value={expression}
        maxLength={1000}
        spellCheck={false}
        onChange={(e) => setExpression(e.target.value)}
      />
      <button type="submit" className="secondary" disabled={busy}>
        {busy ? 'Filtering…' : 'Filter'}
      </button>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          setExpression('');
          setError(null);
          onResult(null);
        }}
      >
        Clear
      </button>
      {error && (
        <p className="body-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
