import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { useConsoleLayout, type SplitOrientation } from '../../stores/console-layout';

/** Wider than this, request and response sit side by side; narrower, one above the other. */
const SIDE_BY_SIDE_FROM = 760;
const KEY_STEP = 0.05;

/**
 * Two panes with a draggable (and keyboard-movable) separator between them: side by side on a wide
 * window, stacked on a narrow one. Each pane scrolls on its own, so the second is always in view.
 */
export function SplitPane({ first, second, label }: { first: ReactNode; second: ReactNode; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [orientation, setOrientation] = useState<SplitOrientation>('side');
  const share = useConsoleLayout((s) => s.share[orientation]);
  const setShare = useConsoleLayout((s) => s.setShare);
  useEffect(() => {
    const element = box.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setOrientation(entry.contentRect.width >= SIDE_BY_SIDE_FROM ? 'side' : 'stacked');
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const shareAt = (e: PointerEvent) => {
    const rect = box.current?.getBoundingClientRect();
    if (!rect) return share;
    return orientation === 'side' ? (e.clientX - rect.left) / rect.width : (e.clientY - rect.top) / rect.height;
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (e.currentTarget.hasPointerCapture(e.pointerId)) setShare(orientation, shareAt(e));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const less = orientation === 'side' ? 'ArrowLeft' : 'ArrowUp';
    const more = orientation === 'side' ? 'ArrowRight' : 'ArrowDown';
    if (e.key === less || e.key === more) {
      e.preventDefault();
      setShare(orientation, share + (e.key === more ? KEY_STEP : -KEY_STEP));
    }
  };
  const percent = Math.round(share * 100);
  return (
    <div ref={box} className={`split split-${orientation}`} style={{ ['--split' as string]: `${percent}%` }}>
      <div className="split-pane">{first}</div>
      <div
        className="split-handle"
        role="separator"
        tabIndex={0}
        aria-label={label}
        aria-orientation={orientation === 'side' ? 'vertical' : 'horizontal'}
        aria-valuemin={20}
        aria-valuemax={80}
        aria-valuenow={percent}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onKeyDown={onKeyDown}
      />
      <div className="split-pane">{second}</div>
    </div>
  );
}
