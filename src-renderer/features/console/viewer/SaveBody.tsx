// Save to file. A kept body is written by the main process through the save dialog
// (`api.saveBody`), so a 200 MB answer never crosses into the window; an answer without a handle
// (older cores, tests) falls back to the browser's download of what the window holds.
import { useState } from 'react';
import type { ApiResponse } from '../../../../src-shared/types';
import { api } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { base64ToBytes, saveBlob } from '../../../ui/download';
import { formatBytes } from '../../../ui/format';
import { fileNameFor, parseBody } from '../response-body';

export function SaveBody({ response }: { response: ApiResponse }) {
  const [note, setNote] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setNote(null);
    const handle = response.bodyHandle;
    if (!handle) {
      const file = fileNameFor(response, parseBody(response));
      saveBlob(response.bodyEncoding === 'base64' ? base64ToBytes(response.body) : response.body, file.name, file.type);
      return;
    }
    setBusy(true);
    try {
      const result = await api()['api.saveBody']({ handle: handle.id });
      if (result.saved)
        setNote({ tone: 'ok', text: `Saved ${result.fileName ?? 'the body'} (${formatBytes(result.bytes ?? handle.sizeBytes)}).` });
    } catch (error) {
      setNote({ tone: 'bad', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="secondary" onClick={() => void save()} disabled={busy}>
        {busy ? 'Saving…' : 'Save to file'}
      </button>
      <span className={note?.tone === 'bad' ? 'save-note body-error' : 'save-note'} role="status">
        {note?.text}
      </span>
    </>
  );
}

const PREVIEW_TYPES = /^image\/(png|jpeg|gif|webp|avif|bmp)$/i;
/** Images past this are saved, not previewed: the preview holds the whole image in the window. */
export const IMAGE_PREVIEW_BYTES = 5 * 1024 * 1024;

/** A small image answer, shown as itself. */
export function ImagePreview({ response }: { response: ApiResponse }) {
  const type =
    Object.entries(response.headers)
      .find(([n]) => n.toLowerCase() === 'content-type')?.[1]
      ?.split(';')[0]
      ?.trim() ?? '';
  const whole = response.bodyEncoding === 'base64' && !response.truncated && !response.bodyHandle?.partial;
  if (!PREVIEW_TYPES.test(type) || !whole || response.sizeBytes > IMAGE_PREVIEW_BYTES) return null;
  return (
    <img
      className="body-image"
      src={`data:${type};base64,${response.body}`}
      alt={`The image the answer holds (${type}, ${formatBytes(response.sizeBytes)})`}
    />
  );
}
