// Keyboard rules of a modal dialog (WAI-ARIA APG, "Dialog (Modal)"): the safe choice takes focus
// when it opens, Tab and Shift+Tab cycle inside it, focus that lands outside is pulled back, and
// on close focus returns to what had it before, so Send or Run keeps the person's place.
import { useEffect, type RefObject } from 'react';

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hasAttribute('disabled') && el.tabIndex >= 0);
}

export function useDialogFocus(dialog: RefObject<HTMLElement | null>, safe: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const box = dialog.current;
    safe.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      const root = dialog.current;
      if (event.key !== 'Tab' || !root) return;
      const list = focusables(root);
      const first = list[0];
      const last = list[list.length - 1];
      if (!first || !last) return;
      const active = document.activeElement;
      if (event.shiftKey && (active === first || !root.contains(active))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (active === last || !root.contains(active))) {
        event.preventDefault();
        first.focus();
      }
    };
    const onFocusIn = (event: FocusEvent) => {
      const root = dialog.current;
      if (root && event.target instanceof Node && !root.contains(event.target)) (safe.current ?? root).focus();
    };
    document.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('focusin', onFocusIn);
      // The button that opened it may be gone (History's Re-run moved to the console), or focus was
      // already on <body> when it opened (the view changed first): the view's heading then, never <body>.
      if (before?.isConnected && before !== document.body) before.focus();
      const active = document.activeElement;
      if (active && active !== document.body && !box?.contains(active)) return;
      const heading = document.getElementById('view-title');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    };
    // The refs are stable; the dialog's focus is set up once per opening.
  }, [dialog, safe]);
}
