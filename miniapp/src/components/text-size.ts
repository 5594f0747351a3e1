import { useEffect, useState } from 'react';
import { readStored, writeStored } from '../platform/storage';

const KEY = 'gz.largeText';
const listeners = new Set<(on: boolean) => void>();

/** Large-text mode (适老化): remembered across launches, shared by every open page. */
export function isLargeText(): boolean {
  return readStored(KEY) === '1';
}

export function setLargeText(on: boolean): void {
  writeStored(KEY, on ? '1' : '0');
  markDocument(on);
  listeners.forEach((listener) => listener(on));
}

/**
 * The pages scale from their own root (PageShell), but H5's tab bar lies outside every page: the
 * document carries the mode too, for app.css to scale the tab bar's words. WeChat draws its own tab
 * bar, which follows the phone's font size setting.
 */
function markDocument(on: boolean): void {
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') document.documentElement.classList.toggle('gz-large-text-root', on);
}

export function useLargeText(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(isLargeText);
  useEffect(() => {
    listeners.add(setOn);
    setOn(isLargeText());
    markDocument(isLargeText());
    return () => {
      listeners.delete(setOn);
    };
  }, []);
  return [on, setLargeText];
}
