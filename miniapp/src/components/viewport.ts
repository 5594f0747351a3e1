import { useEffect, useState } from 'react';

/** Where the staff desk's desktop layout starts (the same width as the CSS media queries). */
export const WIDE_QUERY = '(min-width: 900px)';

function isWide(): boolean {
  return process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(WIDE_QUERY).matches;
}

/**
 * Whether the page is drawn on a desktop-wide browser: for what CSS alone cannot switch, such as a
 * queue drawn as a table (each row with one link) instead of cards (each card one link). Follows the
 * window as it is resized; always false in the mini-program.
 */
export function useWide(): boolean {
  const [wide, setWide] = useState(isWide);
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia(WIDE_QUERY);
    const update = () => setWide(query.matches);
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return wide;
}
