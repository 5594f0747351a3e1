import type { ComponentProps } from 'react';
import { Image } from '@tarojs/components';
import { a11y } from './a11y';

/**
 * An image that says what it shows: `alt` is required. On H5 Taro's Image is a web component around a
 * real <img>, which is what assistive tech (and axe's image-alt) reads, so the text goes on that inner
 * element (nativeProps); in the mini-program the image itself is labelled.
 */
export function Picture({ alt, ...props }: ComponentProps<typeof Image> & { alt: string }) {
  // alt '' marks a decorative image (an icon beside its words): skipped by screen readers on both targets
  const altProps =
    process.env.TARO_ENV === 'h5' ? { nativeProps: { alt } } : alt === '' ? { 'aria-hidden': true } : a11y({ role: 'img', label: alt });
  return <Image {...props} {...(altProps as Partial<ComponentProps<typeof Image>>)} />;
}
