import type { Page } from 'playwright-core';

/** Wall-clock date and time in China Standard Time, as a person picks them. */
export function chinaClock(ms: number): { date: string; time: string } {
  const iso = new Date(ms + 8 * 3600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** Taro's H5 picker wheel: each row is 34 px; the chosen row sits 102 px below the column's top. */
const ROW = 34;
const TOP = 102;

/**
 * Chooses `value` (YYYY-MM-DD or HH:mm) on the picker behind the button labelled `label`, as a person
 * does: open it, drag each wheel (a few rows per drag, staying on the wheel) until the wanted row is
 * the chosen one, then 确定.
 */
export async function choose(page: Page, label: string, value: string): Promise<void> {
  const opener = page.getByRole('button', { name: new RegExp(`^${label}：`) });
  await opener.click();
  // Taro moves every picker's wheels into <body>; only the open one's panel shows
  const overlay = page.locator('.weui-picker:visible');
  await overlay.waitFor({ state: 'visible' });
  await page.waitForTimeout(400); // the wheel slides up
  const parts = value.includes('-') ? value.split('-').map((p, i) => p + ['年', '月', '日'][i]) : value.split(':');
  const wheels = overlay.locator('taro-picker-group');
  for (let column = 0; column < parts.length; column++) {
    const wheel = wheels.nth(column);
    for (let drag = 0; ; drag++) {
      const offset = await wheel.locator('.weui-picker__content').evaluate((el) => Number(/translate3d\(0px?, (-?[\d.]+)px/.exec((el as HTMLElement).style.transform)?.[1]));
      const current = Math.round((TOP - offset) / ROW);
      const rows = await wheel.locator('.weui-picker__item').allTextContents();
      // the time wheels repeat a few rows at each end: aim for the nearest copy
      const candidates = rows.flatMap((text, i) => (text.trim() === parts[column] ? [i] : []));
      expect(candidates.length).toBeGreaterThan(0);
      const target = candidates.reduce((best, i) => (Math.abs(i - current) < Math.abs(best - current) ? i : best));
      if (target === current) break;
      expect(drag).toBeLessThan(40);
      const box = (await wheel.boundingBox())!;
      const step = Math.max(-3, Math.min(3, target - current));
      const x = box.x + box.width / 2;
      const middle = box.y + box.height / 2;
      // dragging up brings later rows to the middle
      await page.mouse.move(x, middle + (step * ROW) / 2);
      await page.mouse.down();
      await page.mouse.move(x, middle - (step * ROW) / 2, { steps: 6 });
      await page.mouse.up();
      await page.waitForTimeout(350); // the wheel settles on a row
    }
  }
  await overlay.locator('.weui-picker__action', { hasText: '确定' }).click();
  await overlay.waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: `${label}：${value}，点按更改` }).waitFor();
}
