/**
 * The complaint journey with a keyboard only (issue 11): a resident files a complaint and the
 * dispatcher accepts and dispatches it, using Tab, Shift+Tab, Space and Enter, and typing into text
 * boxes; no click, no tap. Every control reached must show a visible focus ring. Logging in and the
 * real-name registration are the shared setup steps (h5/world.ts), not part of this journey.
 */
import type { Locator, Page } from 'playwright-core';
import { lowestTextContrast } from './h5/axe';
import { expectState } from './h5/complaints';
import { DESKTOP_VIEWPORT, openH5World, PHONE_VIEWPORT, type H5World } from './h5/world';

let h5: H5World;

beforeAll(async () => {
  h5 = await openH5World();
}, 120_000);

afterAll(() => h5?.close());

/** Is the target (or the native control inside it) the focused element? */
function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));
}

/**
 * Presses Tab (or Shift+Tab) until the target has focus, as a keyboard user would, then checks that the
 * focus is visible: an outline at least 2 px wide on the focused element.
 */
async function tabTo(page: Page, target: Locator, direction: 'forward' | 'backward' = 'forward'): Promise<void> {
  await target.waitFor({ timeout: 15_000 });
  const key = direction === 'forward' ? 'Tab' : 'Shift+Tab';
  for (let presses = 0; presses < 120; presses++) {
    if (await hasFocus(target)) {
      const ring = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), what: el.outerHTML.slice(0, 120) };
      });
      if (ring.style === 'none' || ring.width < 2) throw new Error(`no visible focus ring on ${ring.what}`);
      return;
    }
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${String(target)}`);
}

describe('a complaint filed and dispatched with the keyboard only', () => {
  it('when a resident files with Tab, Space and Enter and the dispatcher accepts and dispatches the same way, then the complaint is 已派单', async () => {
    const resident = await h5.person(PHONE_VIEWPORT);
    await h5.logIn(resident, `e2e-keys-${Date.now().toString(36)}`);
    await h5.registerRealName(resident, { name: '林可心', first17: '44030419900101123', phone: '13712345678' });

    // from the home page's link to the form
    await h5.visit(resident, '/pages/index/index');
    await tabTo(resident, resident.getByRole('link', { name: '我要反映' }));
    await resident.keyboard.press('Enter');

    // the custom radios: reached with Tab, chosen with Space
    const group = resident.getByRole('radio', { name: '市容环境', exact: true });
    await tabTo(resident, group);
    await resident.keyboard.press('Space');
    await expect(group.getAttribute('aria-checked')).resolves.toBe('true');
    await tabTo(resident, resident.getByRole('radio', { name: '占道经营', exact: true }));
    await resident.keyboard.press('Space');
    await tabTo(resident, resident.getByRole('radio', { name: '莲花社区', exact: true }));
    await resident.keyboard.press('Space');
    await tabTo(resident, resident.getByRole('button', { name: '使用演示坐标' }));
    await resident.keyboard.press('Enter');
    await tabTo(resident, resident.getByRole('textbox', { name: '问题描述' }));
    await resident.keyboard.type('华强北路公交站旁的共享单车堆到了盲道上，视障居民无法通行');
    // back to the category with Shift+Tab: it is still chosen, and Enter keeps it so
    const category = resident.getByRole('radio', { name: '占道经营', exact: true });
    await tabTo(resident, category, 'backward');
    await resident.keyboard.press('Enter');
    await expect(category.getAttribute('aria-checked')).resolves.toBe('true');
    const submit = resident.getByRole('button', { name: '提交诉求', exact: true });
    // white on the red gradient of a primary button: at least 4.5:1 at every stop (axe cannot judge gradients)
    expect(await lowestTextContrast(submit)).toBeGreaterThanOrEqual(4.5);
    await tabTo(resident, submit);
    await resident.keyboard.press('Enter');
    await expectState(resident, '已提交');
    const numberText = await resident.getByRole('region', { name: '诉求内容' }).getByText(/编号 GZ\d{14}/).textContent();
    const number = /GZ\d{14}/.exec(numberText ?? '')?.[0];
    if (!number) throw new Error(`no complaint number on the page: ${numberText}`);

    // the dispatcher, on a desktop: filter, open, accept, dispatch
    const dispatcher = await h5.person(DESKTOP_VIEWPORT);
    await h5.logIn(dispatcher, 'dispatcher');
    await h5.visit(dispatcher, '/packages/workbench/index/index');
    await tabTo(dispatcher, dispatcher.getByRole('radio', { name: '待受理/待派单', exact: true }));
    await dispatcher.keyboard.press('Space');
    await tabTo(dispatcher, dispatcher.getByRole('link', { name: new RegExp(`编号${number}`) }));
    await dispatcher.keyboard.press('Enter');
    await dispatcher.getByRole('region', { name: '诉求内容' }).getByText(`编号 ${number}`).waitFor();

    await tabTo(dispatcher, dispatcher.getByRole('button', { name: '受理', exact: true }));
    await dispatcher.keyboard.press('Enter');
    await tabTo(dispatcher, dispatcher.getByRole('button', { name: '确认受理', exact: true }));
    await dispatcher.keyboard.press('Space');
    await expectState(dispatcher, '已受理');

    await tabTo(dispatcher, dispatcher.getByRole('button', { name: '派单', exact: true }));
    await dispatcher.keyboard.press('Enter');
    await tabTo(dispatcher, dispatcher.getByRole('radio', { name: '城管执法中队', exact: true }));
    await dispatcher.keyboard.press('Space');
    await tabTo(dispatcher, dispatcher.getByRole('button', { name: '确认派单', exact: true }));
    await dispatcher.keyboard.press('Enter');
    await expectState(dispatcher, '已派单');
    await h5.audit(dispatcher);
  }, 180_000);
});
