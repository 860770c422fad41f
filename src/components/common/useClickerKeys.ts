import { useEffect } from 'react';

/** Where the keys of a clicker must not turn the page: typing, choosing, or a grid's own arrows. */
const OWNS_ARROWS =
  'input, textarea, select, [contenteditable="true"], [role="grid"], [role="slider"], [role="region"][tabindex], dialog';
const OWNS_PAGE_KEYS = 'textarea, select, input[type="range"], [role="slider"], dialog';

/** True when the page can scroll further that way (by more than a pixel's rounding). */
function canScroll(down: boolean): boolean {
  const root = document.scrollingElement ?? document.documentElement;
  return down ? root.scrollTop + root.clientHeight < root.scrollHeight - 1 : root.scrollTop > 1;
}

/**
 * Next and previous with what presenter clickers send: → / PageDown / Space and ← / PageUp, unless
 * the focus is where those keys already mean something (a field, a grid, a slider, a scrolling box,
 * a dialog) or a control handled the key itself (the walkthrough's steps, until its ends). With
 * `scrollFirst`, PageDown / Space / PageUp scroll a page taller than the screen before turning it.
 */
export function useClickerKeys(
  index: number,
  count: number,
  go: (to: number) => void,
  { scrollFirst = false }: { scrollFirst?: boolean } = {},
): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target instanceof Element ? e.target : null;
      const arrows = !target?.closest(OWNS_ARROWS);
      const page = !target?.closest(OWNS_PAGE_KEYS);
      const onButton = target?.closest('button, a, summary') !== null && target !== null;
      let to: number | null = null;
      if (e.key === 'PageDown' && page) to = index + 1;
      else if (e.key === 'PageUp' && page) to = index - 1;
      else if (e.key === 'ArrowRight' && arrows) to = index + 1;
      else if (e.key === 'ArrowLeft' && arrows) to = index - 1;
      else if (e.key === ' ' && arrows && !onButton) to = index + 1;
      if (to === null || to < 0 || to >= count) return;
      // The browser scrolls the page: the rest of this section first.
      if (scrollFirst && e.key !== 'ArrowRight' && e.key !== 'ArrowLeft' && canScroll(to > index)) return;
      e.preventDefault();
      go(to);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [index, count, go, scrollFirst]);
}
