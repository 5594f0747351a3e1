import { useEffect, useRef, type ReactNode } from 'react';
import { View } from '@tarojs/components';
import { a11y } from './a11y';
import { useLargeText } from './text-size';
import { Toast } from './toast';
import './page-shell.css';

/**
 * Root of every page. Text sizes below it are in `em`, so the large-text class on this root
 * scales the whole page at once (the mini-program has no shared <html> to put it on). `nav` (the
 * staff desk's StaffNav) stands beside the page on a desktop browser.
 */
export function PageShell({ title, nav, children }: { title?: string; nav?: ReactNode; children: ReactNode }) {
  const [largeText] = useLargeText();
  const root = useRef<HTMLElement>(null);
  useEffect(() => {
    // Taro's H5 router scrolls each page inside its own container (.taro_page, overflow-y: scroll), not
    // the window. A page with nothing focusable left in it (a closed complaint) could not be scrolled
    // with the keyboard (WCAG 2.1.1, axe's scrollable-region-focusable): the container joins the Tab order.
    if (process.env.TARO_ENV !== 'h5') return;
    const container = root.current?.closest('.taro_page');
    if (container && !container.hasAttribute('tabindex')) container.setAttribute('tabindex', '0');
  }, []);
  const heading = title ? (
    <View className="gz-page-title" {...a11y({ role: 'heading' })} aria-level={1}>
      {title}
    </View>
  ) : null;
  const classes = ['gz-page', largeText ? 'gz-large-text' : '', nav ? 'gz-with-nav' : ''].filter(Boolean).join(' ');
  return (
    <View ref={root} className={classes}>
      {nav ? (
        <>
          {nav}
          <View className="gz-page-main">
            {heading}
            {children}
          </View>
        </>
      ) : (
        <>
          {heading}
          {children}
        </>
      )}
      <Toast />
    </View>
  );
}
