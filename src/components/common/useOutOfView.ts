import { useCallback, useEffect, useState, type RefObject } from 'react';

/**
 * Whether `ref`'s element is entirely outside the viewport, and a way to say it is in use (a
 * pointer or the focus went into it before the observer noticed it scrolled into view). Before
 * the first observation, and where IntersectionObserver is missing (jsdom), false.
 */
export function useOutOfView(ref: RefObject<HTMLElement | null>): [boolean, () => void] {
  const [outOfView, setOutOfView] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      const last = entries.at(-1);
      if (last) setOutOfView(!last.isIntersecting);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  const inUse = useCallback(() => setOutOfView(false), []);
  return [outOfView, inUse];
}
