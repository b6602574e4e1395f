import { useEffect, useState } from 'react';
import { copyText } from './clipboard';

interface Props {
  /** The text, or how to make it when the button is pressed (it may load what it needs first). */
  text: string | (() => string | Promise<string>);
  label: string;
  className?: string;
}

/** A button that copies and says so for a moment, in a live region screen readers hear. */
export function CopyButton({ text, label, className }: Props) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return undefined;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const onClick = async () => {
    const ok = await copyText(typeof text === 'function' ? await text() : text);
    setState(ok ? 'copied' : 'failed');
  };
  return (
    <>
      <button type="button" className={className ?? 'secondary'} onClick={() => void onClick()}>
        {label}
      </button>
      <span className="copy-feedback" role="status">
        {state === 'copied' ? 'Copied.' : state === 'failed' ? 'Could not copy.' : ''}
      </span>
    </>
  );
}
