/**
 * Accessibility props for both targets: H5 reads `role`, WeChat reads `aria-role` (passed through by
 * config/weapp-aria.js). Each target gets only its own: in HTML `aria-role` is not an attribute at all,
 * and axe counted it as an invalid ARIA attribute on every element that had a role.
 */
export function a11y(opts: { role?: string; label?: string; checked?: boolean; disabled?: boolean }) {
  const props: Record<string, string | boolean> = {};
  if (opts.role) {
    if (process.env.TARO_ENV === 'weapp') props['aria-role'] = opts.role;
    else props.role = opts.role;
  }
  if (opts.label) props['aria-label'] = opts.label;
  if (opts.checked !== undefined) props['aria-checked'] = opts.checked ? 'true' : 'false';
  if (opts.disabled !== undefined) props['aria-disabled'] = opts.disabled ? 'true' : 'false';
  return props;
}
