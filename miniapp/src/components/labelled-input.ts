/**
 * On H5, Taro's Input is a web component wrapping a real <input>; the label has to reach that
 * inner element (nativeProps), or assistive tech and browser tests see an unnamed text box.
 * On weapp the attribute goes on the input itself.
 */
export function labelledInput(label: string, nativeExtras: Record<string, string> = {}): Record<string, unknown> {
  if (process.env.TARO_ENV === 'h5') return { nativeProps: { 'aria-label': label, ...nativeExtras } };
  return { 'aria-label': label };
}
