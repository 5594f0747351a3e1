/**
 * Three people in three browsers, against the real BFF, database and WeChat simulator, through the
 * H5 build: a resident files a complaint with a photo, the dispatch centre accepts and dispatches it,
 * the unit signs, contacts and resolves it, the resident rates it, and the month's assessment counts it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { idCheckChar } from '@gongzhi/shared';
import type { Stack } from '../../bff/dev/stack';
import { launchChromium } from './h5/browser';
import { startH5Stack } from './h5/stack';

let stack: Stack;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  stack = await startH5Stack();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await stack?.close();
});

/** A 1×1 PNG: the upload endpoint checks the magic bytes, not the file name. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Each person has their own browser context: their own storage, so their own session. */
async function person(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  return context.newPage();
}

let visits = 0;
/** A full load of the route (a fresh query string), so no page left hidden in the H5 page stack answers. */
async function visit(page: Page, route: string): Promise<void> {
  await page.goto(`${stack.h5Url}/?visit=${++visits}#${route}`);
}

async function logIn(page: Page, loginName: string): Promise<void> {
  await visit(page, '/pages/mine/index');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('textbox', { name: '登录名' }).fill(loginName);
  await page.getByRole('button', { name: '模拟微信登录' }).click();
  // logged in: staff without a real name land on the real-name form, like new residents
  await page.getByRole('textbox', { name: '姓名' }).or(page.getByText('个人信息', { exact: true })).first().waitFor({ timeout: 15_000 });
}

async function registerRealName(page: Page): Promise<void> {
  const first17 = '44030419880512337';
  await page.getByRole('textbox', { name: '姓名' }).fill('陈晓华');
  await page.getByRole('textbox', { name: '身份证号码' }).fill(first17 + idCheckChar(first17));
  await page.getByRole('textbox', { name: '手机号码（模拟微信授权）' }).fill('13912345678');
  await page.getByRole('radio', { name: '莲花社区' }).click();
  await page.getByRole('checkbox', { name: '我已阅读并同意隐私政策' }).click();
  await page.getByRole('button', { name: '提交实名登记' }).click();
  await page.getByText('已实名').waitFor({ timeout: 15_000 });
}

/** Staff act from the workbench; the state shows in words on the complaint. */
async function openFromWorkbench(page: Page, filter: string, number: string): Promise<void> {
  await visit(page, '/packages/workbench/index/index');
  await page.getByRole('radio', { name: filter, exact: true }).click();
  await page.getByRole('link', { name: new RegExp(`编号${number}`) }).click();
  await page.getByRole('region', { name: '诉求内容' }).getByText(`编号 ${number}`).waitFor();
}

async function act(page: Page, action: string, confirm: string, fill?: () => Promise<void>, nextState?: string): Promise<void> {
  await page.getByRole('button', { name: action, exact: true }).click();
  await fill?.();
  await page.getByRole('button', { name: confirm, exact: true }).click();
  if (nextState) await expectState(page, nextState);
}

async function expectState(page: Page, label: string): Promise<void> {
  // the complaint's own card: the list page under it (hidden in the H5 page stack) has badges too
  await page.getByRole('region', { name: '诉求内容' }).getByLabel(`状态：${label}`, { exact: true }).waitFor({ timeout: 15_000 });
}

function currentPeriod(): string {
  const cst = new Date(Date.now() + 8 * 3600_000);
  return `${cst.getUTCFullYear()}-${String(cst.getUTCMonth() + 1).padStart(2, '0')}`;
}

describe('a complaint from filing to assessment in the H5 build', () => {
  it('when a resident files, the dispatcher dispatches, the unit resolves and the resident rates, then the assessment counts it', async () => {
    // resident: log in, register the real name, file a complaint with a photo
    const resident = await person({ width: 390, height: 844 });
    await logIn(resident, `e2e-filer-${Date.now().toString(36)}`);
    await registerRealName(resident);
    await visit(resident, '/pages/index/index');
    await resident.getByRole('link', { name: '我要反映' }).click();
    await resident.getByRole('radio', { name: '市容环境', exact: true }).click();
    await resident.getByRole('radio', { name: '占道经营', exact: true }).click();
    await resident.getByRole('radio', { name: '莲花社区', exact: true }).click();
    await resident.getByRole('button', { name: '使用演示坐标' }).click();
    await resident.getByRole('textbox', { name: '问题描述' }).fill('彩田路口每天傍晚有流动摊贩占用人行道，行人只能走机动车道');
    const chooser = resident.waitForEvent('filechooser');
    await resident.getByRole('button', { name: '添加照片' }).click();
    await (await chooser).setFiles({ name: 'stall.png', mimeType: 'image/png', buffer: PHOTO });
    await resident.getByRole('img', { name: '照片1' }).waitFor();
    await resident.getByRole('button', { name: '提交诉求', exact: true }).click();
    await expectState(resident, '已提交');
    const numberText = await resident.getByRole('region', { name: '诉求内容' }).getByText(/编号 GZ\d{14}/).textContent();
    const number = /GZ\d{14}/.exec(numberText ?? '')?.[0];
    expect(number).toBeDefined();

    // dispatcher: accept, then dispatch to the city-management squad
    // staff work on a desktop browser
    const dispatcher = await person({ width: 1280, height: 900 });
    await logIn(dispatcher, 'dispatcher');
    await openFromWorkbench(dispatcher, '待受理', number!);
    await act(dispatcher, '受理', '确认受理', undefined, '已受理');
    await act(
      dispatcher,
      '派单',
      '确认派单',
      () => dispatcher.getByRole('radio', { name: '城管执法中队', exact: true }).click(),
      '已派单',
    );

    // unit staff: sign, contact the resident, resolve
    const unit = await person({ width: 390, height: 844 });
    await logIn(unit, 'unit-chengguan');
    await openFromWorkbench(unit, '待签收', number!);
    await act(unit, '签收', '确认签收', undefined, '已签收');
    await act(
      unit,
      '联系诉求人',
      '确认已联系',
      async () => {
        await unit.getByRole('radio', { name: '电话', exact: true }).click();
        await unit.getByRole('textbox', { name: '联系情况' }).fill('已电话联系，约定傍晚到场劝离');
      },
      '处理中',
    );
    await act(
      unit,
      '办结',
      '确认办结',
      () => unit.getByRole('textbox', { name: '办理结果' }).fill('已劝离摊贩并设置提示牌，安排队员傍晚巡查'),
      '已办结',
    );

    // resident: the timeline shows the unit's work; rate it
    await visit(resident, '/packages/complaints/mine/index');
    await resident.getByRole('link', { name: new RegExp(`编号${number}`) }).click();
    await expectState(resident, '已办结');
    await resident.getByText('已劝离摊贩并设置提示牌，安排队员傍晚巡查').waitFor();
    await resident.getByRole('radio', { name: '满意', exact: true }).click();
    await resident.getByRole('radio', { name: '已解决', exact: true }).click();
    await resident.getByRole('button', { name: '提交评价' }).click();
    await expectState(resident, '已评价');

    // dispatcher: this month's assessment counts the squad's rated complaint
    await visit(dispatcher, '/packages/workbench/assessment/index');
    await dispatcher.getByLabel(`考核月份 ${currentPeriod()}`).waitFor();
    const squad = dispatcher.getByRole('region', { name: '城管执法中队' });
    await squad.getByRole('link', { name: '城管执法中队 已评价 1件' }).waitFor({ timeout: 15_000 });
    await expect(squad.getByLabel(/^满意率 100\.0%/).count()).resolves.toBe(1);
    await squad.getByRole('link', { name: '城管执法中队 满意 1件' }).click();
    await dispatcher.getByRole('region', { name: '城管执法中队 · 满意' }).getByRole('link', { name: new RegExp(`编号${number}`) }).waitFor();
  }, 240_000);
});
