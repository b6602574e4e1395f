// The star: saves a request under a name, from the console's form or a history row. The name
// field opens in place; Enter saves, Escape closes.
import { useId, useState, type KeyboardEvent } from 'react';
import { SAVED_NAME_CHARS } from '../../../src-shared/saved';
import type { ServiceId } from '../../../src-shared/types';
import type { RequestDraft } from '../../lib/request';
import { useSaved } from '../../stores/saved';

/** A name to start from: the method and the URL as typed, cut to the limit. */
export function suggestedName(draft: RequestDraft): string {
  return `${draft.method} ${draft.url.trim() || '/'}`.slice(0, SAVED_NAME_CHARS);
}

export function SaveRequest({ service, draft }: { service: ServiceId; draft: () => RequestDraft }) {
  const save = useSaved((s) => s.save);
  const [name, setName] = useState<string | null>(null);
  const id = useId();
  const submit = async () => {
    if (name === null || name.trim() === '') return;
    if (await save(service, name, draft())) setName(null);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    // Inside the console's form, Enter must save the name, not send the request.
    if (e.key === 'Enter') {
      e.preventDefault();
      e.stopPropagation();
      void submit();
    }
    if (e.key === 'Escape') setName(null);
  };
  if (name === null) {
    return (
      <button type="button" className="secondary" onClick={() => setName(suggestedName(draft()))}>
        ☆ Save…
      </button>
    );
  }
  return (
    <span className="save-request">
      <label htmlFor={id}>Name</label>
      <input id={id} value={name} maxLength={SAVED_NAME_CHARS} autoFocus onChange={(e) => setName(e.target.value)} onKeyDown={onKeyDown} />
      <button type="button" className="primary" disabled={name.trim() === ''} onClick={() => void submit()}>
        Save request
      </button>
      <button type="button" className="secondary" onClick={() => setName(null)}>
        Cancel
      </button>
    </span>
  );
}
