import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';

/**
 * A short confirmation (诉求已提交, 感谢您的评价) that stays readable for TOAST_MS although the page
 * changes right after it: the message lives here, not in a page, and every page's shell shows the
 * current one in a polite live region. Taro's H5 toast belonged to the page that opened it and was gone
 * in under 400 ms when that page redirected.
 */
export const TOAST_MS = 3000;

interface Shown {
  text: string;
  until: number;
}

let shown: Shown | undefined;
const listeners = new Set<(toast: Shown | undefined) => void>();

function publish(next: Shown | undefined): void {
  shown = next;
  listeners.forEach((listener) => listener(next));
}

/** Shows `text` for TOAST_MS on whatever page is open, now or after the navigation that follows. */
export function toast(text: string): void {
  const next = { text, until: Date.now() + TOAST_MS };
  publish(next);
  setTimeout(() => {
    if (shown === next) publish(undefined);
  }, TOAST_MS);
}

/** The current toast's text, kept by PageShell; undefined when there is none. */
export function useToast(): string | undefined {
  const [current, setCurrent] = useState(() => (shown && shown.until > Date.now() ? shown : undefined));
  useEffect(() => {
    listeners.add(setCurrent);
    return () => {
      listeners.delete(setCurrent);
    };
  }, []);
  return current?.text;
}

export function Toast() {
  const text = useToast();
  // the live region is always there (empty: out of sight, not display: none), so a reader announces the text when it comes
  return (
    <View className={text ? 'gz-toast' : 'gz-visually-hidden'} role="status" aria-live="polite">
      {text ?? ''}
    </View>
  );
}
