/**
 * Three people in three browsers, against the real BFF, database and WeChat simulator, through the
 * H5 build: a resident files a complaint with a photo, the dispatch centre accepts and dispatches it,
 * the unit signs, contacts and resolves it, the resident rates it, and the month's assessment counts it.
 * The resident's first try is refused by the form: the first invalid field comes into view with the focus.
 */
import type { Page } from 'playwright-core';
import { act, currentPeriod, expectState, openFromWorkbench, signContactResolve } from './h5/complaints';
import { addPhoto } from './h5/photos';
import { DESKTOP_VIEWPORT, openH5World, PHONE_VIEWPORT, type H5World } from './h5/world';

let h5: H5World;

beforeAll(async () => {
  h5 = await openH5World();
}, 120_000);

afterAll(() => h5?.close());

/** Where the focus is and whether the first invalid field is on screen, read in the page. */
function focusAndView(page: Page, errorText: string) {
  return page.evaluate((text) => {
    const alert = Array.from(document.querySelectorAll('[role="alert"]')).find((a) => a.textContent === text);
    const field = alert?.closest('.gz-field');
    const active = document.activeElement;
    const box = field?.getBoundingClientRect();
    return {
      focusInField: Boolean(field && active && active !== document.body && field.contains(active)),
      fieldOnScreen: Boolean(box && box.top >= 0 && box.bottom <= window.innerHeight),
      focused: active ? `${active.tagName} ${active.getAttribute('aria-label') ?? ''}`.trim() : '',
    };
  }, errorText);
}

/**
 * Issue 11: a failed submit centres the first invalid field and puts the keyboard focus in it; from
 * then on the errors follow the typing, without another submit.
 */
async function failedSubmitLeadsToTheFirstError(resident: Page): Promise<void> {
  const description = resident.getByRole('textbox', { name: '问题描述' });
  await description.fill('太吵');
  const submit = resident.getByRole('button', { name: '提交诉求', exact: true });
  await submit.scrollIntoViewIfNeeded();
  // the category is the form's first field: with the button in view at phone size, it is off screen
  const categoryHeading = resident.getByText('诉求类别', { exact: true });
  expect(await categoryHeading.evaluate((el) => el.getBoundingClientRect().bottom)).toBeLessThan(0);
  await submit.click();

  const categoryError = '请选择诉求类别（大类和小类）';
  await resident.getByRole('alert').filter({ hasText: categoryError }).waitFor();
  await resident.waitForFunction((text) => {
    const field = Array.from(document.querySelectorAll('[role="alert"]')).find((a) => a.textContent === text)?.closest('.gz-field');
    return Boolean(field?.contains(document.activeElement));
  }, categoryError, { timeout: 5_000 }).catch(() => {});
  expect(await focusAndView(resident, categoryError)).toEqual({ focusInField: true, fieldOnScreen: true, focused: 'TARO-VIEW-CORE 市容环境' });

  const descriptionError = resident.getByRole('alert').filter({ hasText: '请描述问题，5至2000字' });
  expect(await descriptionError.count()).toBe(1);
  await description.fill('彩田路口每天傍晚有流动摊贩占用人行道');
  await descriptionError.waitFor({ state: 'detached', timeout: 5_000 });
  // the fields still wrong keep their errors
  await resident.getByRole('alert').filter({ hasText: categoryError }).waitFor();
}

describe('a complaint from filing to assessment in the H5 build', () => {
  it('when a resident files, the dispatcher dispatches, the unit resolves and the resident rates, then the assessment counts it', async () => {
    // resident: log in, register the real name, file a complaint with a photo
    const resident = await h5.person(PHONE_VIEWPORT);
    await h5.logIn(resident, `e2e-filer-${Date.now().toString(36)}`);
    await h5.registerRealName(resident, { name: '陈晓华', first17: '44030419880512337', phone: '13912345678' });
    await h5.visit(resident, '/pages/index/index');
    await resident.getByRole('link', { name: '我要反映' }).click();
    await failedSubmitLeadsToTheFirstError(resident);
    await resident.getByRole('radio', { name: '市容环境', exact: true }).click();
    await resident.getByRole('radio', { name: '占道经营', exact: true }).click();
    await resident.getByRole('radio', { name: '莲花社区', exact: true }).click();
    await resident.getByRole('button', { name: '使用演示坐标' }).click();
    await resident.getByRole('textbox', { name: '问题描述' }).fill('彩田路口每天傍晚有流动摊贩占用人行道，行人只能走机动车道');
    await addPhoto(resident, resident, 'stall.png');
    await resident.getByRole('img', { name: '照片1' }).waitFor();
    await resident.getByRole('button', { name: '提交诉求', exact: true }).click();
    await expectState(resident, '已提交');
    // the confirmation is said on the page the resident lands on, and is still there a second later
    const confirmation = resident.getByRole('status').filter({ hasText: '诉求已提交' });
    await confirmation.waitFor({ state: 'visible', timeout: 2000 });
    await resident.waitForTimeout(1000);
    expect(await confirmation.isVisible()).toBe(true);
    const numberText = await resident.getByRole('region', { name: '诉求内容' }).getByText(/编号 GZ\d{14}/).textContent();
    const number = /GZ\d{14}/.exec(numberText ?? '')?.[0];
    expect(number).toBeDefined();

    // dispatcher: accept, then dispatch to the city-management squad
    // staff work on a desktop browser
    const dispatcher = await h5.person(DESKTOP_VIEWPORT);
    await h5.logIn(dispatcher, 'dispatcher');
    await openFromWorkbench(h5, dispatcher, '待受理/待派单', number!);
    await act(dispatcher, '受理', '确认受理', undefined, '已受理');
    await act(
      dispatcher,
      '派单',
      '确认派单',
      () => dispatcher.getByRole('radio', { name: '城管执法中队', exact: true }).click(),
      '已派单',
    );

    // unit staff: sign, contact the resident, resolve
    const unit = await h5.person(PHONE_VIEWPORT);
    await h5.logIn(unit, 'unit-chengguan');
    await signContactResolve(h5, unit, '待签收', number!, '已劝离摊贩并设置提示牌，安排队员傍晚巡查');

    // resident: the home page's 待办事项 asks for the rating; the timeline shows the unit's work; rate it
    await h5.visit(resident, '/pages/index/index');
    await resident.getByRole('region', { name: '待办事项' }).getByRole('link', { name: new RegExp(`请评价：.*${number}`) }).click();
    await expectState(resident, '已办结');
    await resident.getByRole('region', { name: '接下来' }).getByText('请您评价办理结果', { exact: false }).waitFor();
    await resident.getByText('已劝离摊贩并设置提示牌，安排队员傍晚巡查').waitFor();
    await resident.getByRole('radio', { name: '满意', exact: true }).click();
    await resident.getByRole('radio', { name: '已解决', exact: true }).click();
    await resident.getByRole('button', { name: '提交评价' }).click();
    await expectState(resident, '已评价');

    // dispatcher: this month's assessment counts the squad's rated complaint
    await h5.visit(dispatcher, '/packages/workbench/assessment/index');
    await dispatcher.getByLabel(`考核月份 ${currentPeriod()}`).waitFor();
    // a desktop desk: the side navigation marks where the dispatcher is, the table sorts by its headings
    const nav = dispatcher.getByRole('navigation', { name: '工作人员导航' });
    expect(await nav.getByRole('link', { name: '考核统计' }).getAttribute('aria-current')).toBe('page');
    const scoreHeading = dispatcher.getByRole('columnheader', { name: /综合得分/ });
    expect(await scoreHeading.getAttribute('aria-sort')).toBe('descending');
    await scoreHeading.getByRole('button').click();
    expect(await scoreHeading.getAttribute('aria-sort')).toBe('ascending');
    const squad = dispatcher.getByRole('row').filter({ hasText: '城管执法中队' });
    await squad.getByRole('link', { name: '城管执法中队 已评价 1件' }).waitFor({ timeout: 15_000 });
    await expect(squad.getByLabel(/^满意率 100\.0%/).count()).resolves.toBe(1);
    await squad.getByRole('link', { name: '城管执法中队 满意 1件' }).click();
    await dispatcher.getByRole('region', { name: '城管执法中队 · 满意' }).getByRole('link', { name: new RegExp(`编号${number}`) }).waitFor();
  }, 240_000);
});
