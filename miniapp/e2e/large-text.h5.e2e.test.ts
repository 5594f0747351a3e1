/**
 * Large-text mode (适老化) in a real browser: a switch on 我的 that scales every text of every page,
 * the complaint form's text boxes and the tab bar's words included, and is remembered.
 */
import type { Locator, Page } from 'playwright-core';
import { openH5World, type H5World } from './h5/world';

let h5: H5World;

beforeAll(async () => {
  h5 = await openH5World();
}, 120_000);

afterAll(() => h5?.close());

const fontSize = (locator: Locator) => locator.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));

/** The sizes large-text mode must change: the page's words, a text box's typed words, a button's words, the tab bar's words. */
async function sizes(page: Page) {
  await h5.visit(page, '/packages/complaints/new/index');
  const description = page.getByRole('textbox', { name: '问题描述' });
  await description.waitFor();
  return {
    title: await fontSize(page.getByRole('heading', { name: '我要反映' })),
    textbox: await fontSize(description),
    button: await fontSize(page.getByRole('button', { name: '提交诉求', exact: true })),
  };
}

describe('large-text mode in the H5 build', () => {
  it('when a resident turns the switch on, then every text grows, the tab bar too, and it stays on after a reload', async () => {
    const page = await h5.person();
    await h5.logIn(page, `e2e-large-${Date.now().toString(36)}`);
    await h5.registerRealName(page, { name: '赵老伯', first17: '44030419500312001', phone: '13600001111' });
    const normal = await sizes(page);

    await h5.visit(page, '/pages/mine/index');
    const tabWord = page.locator('.weui-tabbar__label').filter({ hasText: '我的' });
    const normalTab = await fontSize(tabWord);
    const toggle = page.getByRole('switch', { name: '大字模式' });
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    await page.getByText('已开启').waitFor();
    expect(await fontSize(tabWord)).toBeGreaterThanOrEqual(normalTab * 1.3);

    const large = await sizes(page);
    expect(large.title / normal.title).toBeGreaterThanOrEqual(1.3);
    expect(large.textbox / normal.textbox).toBeGreaterThanOrEqual(1.3);
    expect(large.button / normal.button).toBeGreaterThanOrEqual(1.3);

    // remembered: a fresh load of the app opens in large text
    await page.reload();
    await h5.visit(page, '/pages/mine/index');
    expect(await page.getByRole('switch', { name: '大字模式' }).getAttribute('aria-checked')).toBe('true');
    expect(await fontSize(page.locator('.weui-tabbar__label').filter({ hasText: '我的' }))).toBeGreaterThanOrEqual(normalTab * 1.3);
  }, 180_000);
});
