import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { a11y } from './a11y';
import { useLargeText } from './text-size';
import './page-shell.css';

/**
 * Root of every page. Text sizes below it are in `em`, so the large-text class on this root
 * scales the whole page at once (the mini-program has no shared <html> to put it on).
 */
export function PageShell({ title, children }: { title?: string; children: ReactNode }) {
  const [largeText] = useLargeText();
  return (
    <View className={largeText ? 'gz-page gz-large-text' : 'gz-page'}>
      {title ? (
        <View className="gz-page-title" {...a11y({ role: 'heading' })} aria-level={1}>
          {title}
        </View>
      ) : null}
      {children}
    </View>
  );
}
