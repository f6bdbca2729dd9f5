// The width of a container in CSS pixels, kept current by a ResizeObserver. Charts ask the API for
// this many points at most (never more points than pixels).
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * A ref to put on a container and its width in whole CSS pixels. The width is 0 until the element is
 * measured (its first layout, before paint): skip asking for points while it is 0. The element may
 * appear later (after a loading state) or be replaced: it is picked up after every render.
 */
export function useElementWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const observed = useRef<{ element: T; observer: ResizeObserver } | null>(null);
  const [width, setWidth] = useState(0);

  // No dependency list on purpose: the ref's element can change on any render, and a ref change does
  // not cause one. Comparing with the observed element keeps this cheap.
  useLayoutEffect(() => {
    const element = ref.current;
    if (observed.current?.element === element) return;
    observed.current?.observer.disconnect();
    observed.current = null;
    if (!element) return;
    const measure = (w: number) => {
      // Whole pixels; sub-pixel jitter is ignored so a layout that wobbles cannot refetch forever.
      const next = Math.max(0, Math.floor(w));
      setWidth((prev) => (prev !== 0 && Math.abs(prev - next) < 2 ? prev : next));
    };
    const observer = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (entry) measure(entry.contentRect.width);
    });
    observer.observe(element);
    observed.current = { element, observer };
    // The content box, as ResizeObserver's contentRect reports it.
    const style = getComputedStyle(element);
    measure(element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight));
  });

  useEffect(
    () => () => {
      observed.current?.observer.disconnect();
      observed.current = null;
    },
    [],
  );

  return [ref, width];
}
