import type { Page } from 'playwright-core';
import type { H5World } from './world';

/**
 * The steps people take with complaints in the H5 build, shared by the complaint specs: staff open a
 * complaint from a workbench filter and act on it through its form; the state is read in words.
 */

/** Staff act from the workbench; the state shows in words on the complaint. */
export async function openFromWorkbench(h5: H5World, page: Page, filter: string, number: string): Promise<void> {
  await h5.visit(page, '/packages/workbench/index/index');
  await page.getByRole('radio', { name: filter, exact: true }).click();
  await page.getByRole('link', { name: new RegExp(`编号${number}`) }).click();
  await page.getByRole('region', { name: '诉求内容' }).getByText(`编号 ${number}`).waitFor();
}

/** Opens an action's form, fills it, confirms, and (when given) waits for the state it leads to. */
export async function act(page: Page, action: string, confirm: string, fill?: () => Promise<void>, nextState?: string): Promise<void> {
  await page.getByRole('button', { name: action, exact: true }).click();
  await fill?.();
  await page.getByRole('button', { name: confirm, exact: true }).click();
  if (nextState) await expectState(page, nextState);
}

export async function expectState(page: Page, label: string): Promise<void> {
  // the complaint's own card: the list page under it (hidden in the H5 page stack) has badges too
  await page.getByRole('region', { name: '诉求内容' }).getByLabel(`状态：${label}`, { exact: true }).waitFor({ timeout: 15_000 });
}

/** The resident's own complaint, opened from 我的诉求. */
export async function openMine(h5: H5World, resident: Page, number: string): Promise<void> {
  await h5.visit(resident, '/packages/complaints/mine/index');
  await resident.getByRole('link', { name: new RegExp(`编号${number}`) }).click();
  await resident.getByRole('region', { name: '诉求内容' }).getByText(`编号 ${number}`).waitFor();
}

/**
 * A resident (logged in, real name registered) files a complaint in 莲花社区 at the demo point, with
 * no photo; answers its number. Different categories keep the similar-complaint offer out of the way.
 */
export async function fileComplaint(
  h5: H5World,
  resident: Page,
  what: { group: string; category: string; description: string },
): Promise<string> {
  await h5.visit(resident, '/packages/complaints/new/index');
  await resident.getByRole('radio', { name: what.group, exact: true }).click();
  await resident.getByRole('radio', { name: what.category, exact: true }).click();
  await resident.getByRole('radio', { name: '莲花社区', exact: true }).click();
  await resident.getByRole('button', { name: '使用演示坐标' }).click();
  await resident.getByRole('textbox', { name: '问题描述' }).fill(what.description);
  await resident.getByRole('button', { name: '提交诉求', exact: true }).click();
  await expectState(resident, '已提交');
  const numberText = await resident.getByRole('region', { name: '诉求内容' }).getByText(/编号 GZ\d{14}/).textContent();
  const number = /GZ\d{14}/.exec(numberText ?? '')?.[0];
  if (!number) throw new Error(`no complaint number on the page: ${numberText}`);
  return number;
}

/** The dispatcher accepts a new complaint and dispatches it to a main unit (and assisting units). */
export async function acceptAndDispatch(
  h5: H5World,
  dispatcher: Page,
  number: string,
  unitName: string,
  assisting: string[] = [],
): Promise<void> {
  await openFromWorkbench(h5, dispatcher, '待受理/待派单', number);
  await act(dispatcher, '受理', '确认受理', undefined, '已受理');
  await act(
    dispatcher,
    '派单',
    '确认派单',
    async () => {
      await dispatcher.getByRole('radio', { name: unitName, exact: true }).click();
      for (const name of assisting) {
        await dispatcher.getByRole('group', { name: '协办单位（选填，可多选）' }).getByRole('checkbox', { name, exact: true }).click();
      }
    },
    '已派单',
  );
}

/** The unit signs, contacts the resident and resolves, from the task filter the complaint is under. */
export async function signContactResolve(h5: H5World, unit: Page, filter: string, number: string, result: string): Promise<void> {
  await openFromWorkbench(h5, unit, filter, number);
  await act(unit, '签收', '确认签收', undefined, '已签收');
  await act(
    unit,
    '联系诉求人',
    '确认已联系',
    async () => {
      await unit.getByRole('radio', { name: '电话', exact: true }).click();
      await unit.getByRole('textbox', { name: '联系情况' }).fill('已电话联系诉求人，约定到场查看');
    },
    '处理中',
  );
  await act(unit, '办结', '确认办结', () => unit.getByRole('textbox', { name: '办理结果' }).fill(result), '已办结');
}

/** The current month (YYYY-MM) in China Standard Time, as the assessment page opens on it. */
export function currentPeriod(): string {
  const cst = new Date(Date.now() + 8 * 3600_000);
  return `${cst.getUTCFullYear()}-${String(cst.getUTCMonth() + 1).padStart(2, '0')}`;
}
