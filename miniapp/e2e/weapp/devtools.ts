/**
 * Small helpers over miniprogram-automator for driving the weapp build inside WeChat DevTools.
 * Taro renders plain WXML views, so elements are found by class and text rather than test ids.
 */
import type MiniProgram from 'miniprogram-automator/out/MiniProgram';
import type Page from 'miniprogram-automator/out/Page';
import type Element from 'miniprogram-automator/out/Element';

export type { MiniProgram, Page, Element };

const POLL_MS = 200;

export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

/** Waits until the top page is `route` (no leading slash, as WeChat reports it) and returns it. */
export function pageAt(miniProgram: MiniProgram, route: string): Promise<Page> {
  return eventually(`page ${route}`, async () => {
    const page = await miniProgram.currentPage();
    return page && page.path === route ? page : undefined;
  });
}

/** The last element matching `selector` whose text is exactly `text` (or contains it, when `partial`). */
export function elementWithText(page: Page, selector: string, text: string, partial = false): Promise<Element> {
  return eventually(`${selector} saying "${text}" on ${page.path}`, async () => {
    const elements: Element[] = await page.$$(selector);
    let found: Element | undefined;
    for (const element of elements) {
      const shown = (await element.text()).trim();
      if (partial ? shown.includes(text) : shown === text) found = element;
    }
    return found;
  });
}

/** Everything the page shows, as one string. */
export async function pageText(page: Page): Promise<string> {
  const views: Element[] = await page.$$('view');
  const texts = await Promise.all(views.map((view) => view.text()));
  return texts.join('\n');
}
