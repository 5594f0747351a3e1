/**
 * Accessibility props for both targets: H5 reads `role`, WeChat reads `aria-role`
 * (passed through by config/weapp-aria.js).
 */
export function a11y(opts: { role?: string; label?: string; checked?: boolean; disabled?: boolean }) {
  const props: Record<string, string | boolean> = {};
  if (opts.role) {
    props.role = opts.role;
    props['aria-role'] = opts.role;
  }
  if (opts.label) props['aria-label'] = opts.label;
  if (opts.checked !== undefined) props['aria-checked'] = opts.checked ? 'true' : 'false';
  if (opts.disabled !== undefined) props['aria-disabled'] = opts.disabled ? 'true' : 'false';
  return props;
}
