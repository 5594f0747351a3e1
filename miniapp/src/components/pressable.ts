type KeyEventLike = { key?: string; preventDefault?: () => void; target?: unknown; currentTarget?: unknown };

/**
 * Keyboard use for a control drawn with views (a link, a button, a radio, a checkbox, a switch): on H5
 * it joins the Tab order and acts on Enter or Space, as a native control would. Taro's H5 view passes
 * `tabIndex` to the element and `onKeyDown` to a `keydown` listener. The mini-program has no keyboard:
 * nothing to add there.
 *
 * Spread it beside `a11y({ role, ... })` and the `onClick` that does the same thing.
 */
export function pressable(onPress: () => void, opts: { disabled?: boolean } = {}): Record<string, unknown> {
  if (process.env.TARO_ENV !== 'h5') return {};
  return {
    tabIndex: opts.disabled ? -1 : 0,
    onKeyDown: (event: KeyEventLike) => {
      // a key pressed in a control inside this one (a text box, say) is that control's own
      if (event.target !== event.currentTarget) return;
      if (event.key !== 'Enter' && event.key !== ' ') return;
      // Space would otherwise scroll the page
      event.preventDefault?.();
      if (!opts.disabled) onPress();
    },
  };
}

