import type { Page } from 'playwright-core';

/** WCAG 2.5.5's size, which the issue asks of every control at phone size. */
export const MIN_TARGET_PX = 44;

/** What a finger presses: buttons, choices, switches and text boxes. Links in running text are exempt. */
const CONTROLS = '[role="button"], button, [role="radio"], [role="checkbox"], [role="switch"], [role="tab"], input:not([type="file"]), textarea';

/**
 * Every visible control on the page shorter than MIN_TARGET_PX (CSS px, as laid out), by role and
 * name. An empty list passes.
 */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ selector, min }) => {
      const small: string[] = [];
      for (const element of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue; // not drawn (another page of the stack, a closed panel)
        if (element.closest('[aria-hidden="true"]')) continue;
        // a native box inside Taro's wrapper counts as its wrapper
        const outer = element.parentElement?.closest<HTMLElement>('taro-input-core, taro-textarea-core') ?? element;
        const height = Math.max(box.height, outer.getBoundingClientRect().height);
        if (height + 0.5 >= min) continue;
        const role = element.getAttribute('role') ?? element.tagName.toLowerCase();
        const name = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 24);
        small.push(`${role} "${name}" ${height.toFixed(1)}px`);
      }
      return small;
    },
    { selector: CONTROLS, min: MIN_TARGET_PX },
  );
}

/**
 * Buttons whose words are drawn smaller than the page's own text (NutUI's small buttons were 12 px
 * beside 16 px text on a desktop): at most a tenth smaller, at any size.
 */
export async function smallButtonText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    for (const button of Array.from(document.querySelectorAll<HTMLElement>('[role="button"], button'))) {
      const box = button.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || !button.textContent?.trim()) continue;
      const pageRoot = button.closest<HTMLElement>('.gz-page');
      if (!pageRoot) continue; // Taro's own chrome (the tab bar, a native picker)
      const text = parseFloat(getComputedStyle(pageRoot).fontSize);
      // the words may sit in an inner element (NutUI wraps them)
      const inner = button.querySelector<HTMLElement>('.nut-button-children') ?? button;
      const size = parseFloat(getComputedStyle(inner).fontSize);
      if (size < text * 0.9) small.push(`"${button.textContent.trim().slice(0, 24)}" ${size.toFixed(1)}px beside ${text.toFixed(1)}px text`);
    }
    return small;
  });
}
