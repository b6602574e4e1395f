// What the last save, rename, delete, export or import did, said once in a live region.
import { useSaved } from '../../stores/saved';
import { Notice } from '../../ui/Notice';

export function SavedMessage() {
  const { message, dismiss } = useSaved();
  if (!message) return null;
  return (
    <Notice tone={message.tone === 'error' ? 'error' : 'info'} onDismiss={dismiss}>
      {message.text}
    </Notice>
  );
}
