import { useLayoutEffect, useRef, type RefObject } from 'react';

/** The nearest ancestor that scrolls vertically (the page's content area), or null. */
function scrollerOf(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const overflow = getComputedStyle(p).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') return p;
  }
  return null;
}

/**
 * Keeps one element (the selected row) where the reader sees it while the content around it changes:
 * when rows above it end or arrive between polls, the scroller moves by as much as the row would
 * have, so the row the reader is looking at does not jump. `version` changes with every new content.
 */
export function useKeptInView(target: RefObject<HTMLElement | null>, version: unknown): void {
  const last = useRef<{ el: HTMLElement; top: number } | null>(null);

  useLayoutEffect(() => {
    const el = target.current;
    const scroller = el ? scrollerOf(el) : null;
    if (!el || !scroller) {
      last.current = null;
      return;
    }
    // Only the same element is kept in place: a newly selected row starts where it is.
    const top = el.getBoundingClientRect().top;
    if (last.current?.el === el && top !== last.current.top) scroller.scrollTop += top - last.current.top;
    const remember = () => (last.current = { el, top: el.getBoundingClientRect().top });
    remember();
    // The reader's own scrolling moves it on purpose: remember where they left it.
    scroller.addEventListener('scroll', remember, { passive: true });
    return () => scroller.removeEventListener('scroll', remember);
  }, [target, version]);
}
