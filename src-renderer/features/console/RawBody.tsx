import { useState } from 'react';
import { formatBytes } from '../../ui/format';

const PREVIEW_CHARS = 200_000;

/** The body as received; a huge one shows its start until the person asks for all of it. */
export function RawBody({ text }: { text: string }) {
  const [all, setAll] = useState(false);
  const cut = !all && text.length > PREVIEW_CHARS;
  return (
    <div>
      <pre className="raw-body" tabIndex={0} aria-label="Raw response body">
        {cut ? text.slice(0, PREVIEW_CHARS) : text}
      </pre>
      {cut && (
        <button type="button" className="link" onClick={() => setAll(true)}>
          Showing the first {formatBytes(PREVIEW_CHARS)}; show all {formatBytes(text.length)}
        </button>
      )}
    </div>
  );
}
