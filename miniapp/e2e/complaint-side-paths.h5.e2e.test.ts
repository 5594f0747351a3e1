/**
 * The side paths of a complaint, by real people in browsers through the H5 build, against the real
 * BFF and database: rejection, a unit's return and re-dispatch, the resident's send-back for redo,
 * supervision (督办), an upheld appeal taken out of the assessment, and an assisting unit (协办).
 */
import type { Page } from 'playwright-core';
import {
  act,
  acceptAndDispatch,
  currentPeriod,
  expectState,
  fileComplaint,
  openFromWorkbench,
  openMine,
  signContactResolve,
} from './h5/complaints';
import { DESKTOP_VIEWPORT, openH5World, PHONE_VIEWPORT, type H5World } from './h5/world';

let h5: H5World;
let resident: Page;
let dispatcher: Page;
const units = new Map<string, Page>();

beforeAll(async () => {
  h5 = await openH5World();
  resident = await h5.person(PHONE_VIEWPORT);
  await h5.logIn(resident, `e2e-side-${Date.now().toString(36)}`);
  await h5.registerRealName(resident, { name: '林佳怡', first17: '44030419900817452', phone: '13823456789' });
  // staff work on a desktop browser
  dispatcher = await h5.person(DESKTOP_VIEWPORT);
  await h5.logIn(dispatcher, 'dispatcher');
}, 180_000);

afterAll(() => h5?.close());

/** Unit staff on their phones, logged in once each. */
async function unitStaff(login: string): Promise<Page> {
  let page = units.get(login);
  if (!page) {
    page = await h5.person(PHONE_VIEWPORT);
    await h5.logIn(page, login);
    units.set(login, page);
  }
  return page;
}

/** The timeline entry of an action (its name in words) that says `text`. */
function timelineEntry(page: Page, action: string, text: string) {
  return page.getByRole('list', { name: '办理进度' }).getByRole('listitem').filter({ hasText: action }).filter({ hasText: text });
}

describe('side paths of a complaint in the H5 build', () => {
  it('when the dispatcher rejects a complaint with a reason, then the resident sees 不予受理 and the reason on the timeline', async () => {
    const number = await fileComplaint(h5, resident, {
      group: '市政设施',
      category: '路灯故障',
      description: '莲花路小区门口的路灯是私人院内的装饰灯，晚上不亮',
    });

    await openFromWorkbench(h5, dispatcher, '待受理/待派单', number);
    await act(
      dispatcher,
      '不予受理',
      '确认不予受理',
      async () => {
        await dispatcher.getByRole('textbox', { name: '不予受理的原因' }).fill('该灯为小区业主自行安装的装饰灯，不属市政路灯');
        await dispatcher.getByRole('textbox', { name: '处理建议（告知诉求人向哪里反映，选填）' }).fill('请联系小区物业服务中心');
      },
      '不予受理',
    );

    await openMine(h5, resident, number);
    await expectState(resident, '不予受理');
    await timelineEntry(resident, '不予受理', '该灯为小区业主自行安装的装饰灯，不属市政路灯').waitFor();
    await expect(timelineEntry(resident, '不予受理', '请联系小区物业服务中心').count()).resolves.toBe(1);
    // nothing left for the resident to do on a rejected complaint
    await expect(resident.getByRole('region', { name: '评价办理结果' }).count()).resolves.toBe(0);
  }, 180_000);

  it('when the unit returns a task with a reason, then it is in 被退单, and re-dispatched it is in the other unit’s 待签收', async () => {
    const number = await fileComplaint(h5, resident, {
      group: '市容环境',
      category: '垃圾清运',
      description: '荷花路三号楼后面的建筑垃圾堆了一个多星期没人清运',
    });
    await acceptAndDispatch(h5, dispatcher, number, '城管执法中队');

    const squad = await unitStaff('unit-chengguan');
    await openFromWorkbench(h5, squad, '待签收', number);
    await act(
      squad,
      '退单',
      '确认退单',
      () => squad.getByRole('textbox', { name: '退单原因' }).fill('装修建筑垃圾由住建办负责督促清运'),
      '已退单',
    );

    // the dispatcher finds it under 被退单, reads the reason, and sends it to the building office
    await openFromWorkbench(h5, dispatcher, '被退单', number);
    await expectState(dispatcher, '已退单');
    await timelineEntry(dispatcher, '退单', '装修建筑垃圾由住建办负责督促清运').waitFor();
    await act(dispatcher, '派单', '确认派单', () => dispatcher.getByRole('radio', { name: '住建办', exact: true }).click(), '已派单');
    await dispatcher.getByRole('region', { name: '诉求内容' }).getByLabel('承办单位：住建办', { exact: true }).waitFor();

    const building = await unitStaff('unit-zhujian');
    await openFromWorkbench(h5, building, '待签收', number);
    await expectState(building, '已派单');
    await building.getByRole('region', { name: '办理操作' }).getByRole('button', { name: '签收', exact: true }).waitFor();
  }, 240_000);

  it('when the resident is unsatisfied and sends it back, then the unit has it under 重办, resolves it again and the resident rates', async () => {
    const number = await fileComplaint(h5, resident, {
      group: '市容环境',
      category: '违规广告',
      description: '莲花北地铁站出口的灯杆上贴满了小广告',
    });
    await acceptAndDispatch(h5, dispatcher, number, '城管执法中队');
    const squad = await unitStaff('unit-chengguan');
    await signContactResolve(h5, squad, '待签收', number, '已清理灯杆上的小广告');

    await openMine(h5, resident, number);
    await expectState(resident, '已办结');
    await resident.getByRole('button', { name: '不满意，退回重办', exact: true }).click();
    await resident.getByRole('textbox', { name: '退回重办的原因' }).fill('只清理了一根灯杆，旁边几根还贴着');
    await resident.getByRole('button', { name: '确认退回重办', exact: true }).click();
    await expectState(resident, '重办中');
    await timelineEntry(resident, '不满意，退回重办', '只清理了一根灯杆，旁边几根还贴着').waitFor();

    await signContactResolve(h5, squad, '重办', number, '出口处六根灯杆的小广告已全部清理，并刷了防贴涂层');
    await squad.getByRole('region', { name: '诉求内容' }).getByLabel('重办次数：1', { exact: true }).waitFor();

    await openMine(h5, resident, number);
    await expectState(resident, '已办结');
    await timelineEntry(resident, '办结', '出口处六根灯杆的小广告已全部清理，并刷了防贴涂层').waitFor();
    await resident.getByRole('radio', { name: '满意', exact: true }).click();
    await resident.getByRole('radio', { name: '已解决', exact: true }).click();
    await resident.getByRole('button', { name: '提交评价' }).click();
    await expectState(resident, '已评价');
  }, 300_000);

  it('when the dispatcher supervises a task with a note, then the unit sees 督办中 in words on its task and the note', async () => {
    const number = await fileComplaint(h5, resident, {
      group: '市政设施',
      category: '道路破损',
      description: '文化路与幸福路交叉口有个大坑，电动车经过很危险',
    });
    await acceptAndDispatch(h5, dispatcher, number, '交通管理站');
    await act(dispatcher, '督办', '确认督办', () =>
      dispatcher.getByRole('textbox', { name: '督办意见' }).fill('路口有安全隐患，请今天内设置围挡'),
    );
    await dispatcher.getByRole('region', { name: '诉求内容' }).getByLabel('督办中', { exact: true }).waitFor();

    const traffic = await unitStaff('unit-jiaotong');
    await h5.visit(traffic, '/packages/workbench/index/index');
    await traffic.getByRole('radio', { name: '待签收', exact: true }).click();
    // the mark is in the task's name and written on the card, not a colour
    const task = traffic.getByRole('link', { name: new RegExp(`督办中，编号${number}`) });
    await task.waitFor();
    // (on H5 the link is a layer over the drawn card, components/links.tsx: the words are on the card)
    await expect(task.locator('..').getByText('督办中', { exact: true }).isVisible()).resolves.toBe(true);
    await task.click();
    await traffic.getByRole('region', { name: '诉求内容' }).getByLabel('督办中', { exact: true }).waitFor();
    await timelineEntry(traffic, '督办', '路口有安全隐患，请今天内设置围挡').waitFor();
  }, 180_000);

  it('when a unit appeals a rating and the dispatcher upholds it, then the month’s assessment lists it under 申诉核减', async () => {
    const number = await fileComplaint(h5, resident, {
      group: '物业管理',
      category: '电梯故障',
      description: '清水花园五栋的电梯这周停了三次，老人上下楼困难',
    });
    await acceptAndDispatch(h5, dispatcher, number, '市场监管所');
    const market = await unitStaff('unit-shichang');
    await signContactResolve(h5, market, '待签收', number, '已约谈维保单位，更换了门机控制板并复检合格');

    await openMine(h5, resident, number);
    await expectState(resident, '已办结');
    await resident.getByRole('radio', { name: '不满意', exact: true }).click();
    await resident.getByRole('radio', { name: '未解决', exact: true }).click();
    await resident.getByRole('button', { name: '提交评价' }).click();
    await expectState(resident, '已评价');

    await openFromWorkbench(h5, market, '已办结', number);
    await expectState(market, '已评价');
    await act(market, '申诉', '提交申诉', async () => {
      await market.getByRole('radio', { name: '对评价申诉', exact: true }).click();
      await market.getByRole('textbox', { name: '申诉理由' }).fill('电梯已复检合格，诉求人不满意的是物业收费，不属本次诉求');
    });
    await timelineEntry(market, '申诉', '电梯已复检合格').waitFor();

    await openFromWorkbench(h5, dispatcher, '申诉待裁定', number);
    await act(dispatcher, '申诉裁定', '确认裁定', async () => {
      await dispatcher.getByRole('radio', { name: '申诉成立（不计入考核）', exact: true }).click();
      await dispatcher.getByRole('textbox', { name: '裁定理由' }).fill('复检报告合格，评价针对的是物业收费');
    });
    await timelineEntry(dispatcher, '申诉裁定', '申诉成立').waitFor();

    await h5.visit(dispatcher, '/packages/workbench/assessment/index');
    await dispatcher.getByLabel(`考核月份 ${currentPeriod()}`).waitFor();
    const row = dispatcher.getByRole('row').filter({ hasText: '市场监管所' });
    await row.getByRole('link', { name: '市场监管所 申诉核减 1件' }).click();
    await dispatcher
      .getByRole('region', { name: '市场监管所 · 申诉核减' })
      .getByRole('link', { name: new RegExp(`编号${number}`) })
      .waitFor();
    // taken out of the rates: nothing rated is left for the unit this month
    await expect(row.getByRole('link', { name: '市场监管所 已评价 0件' }).count()).resolves.toBe(1);
  }, 300_000);

  it('when a unit is dispatched as an assisting unit, then it finds the complaint under 协办 and has no action to take', async () => {
    const number = await fileComplaint(h5, resident, {
      group: '水电气',
      category: '停水（紧急）', // urgent categories say so in their name
      description: '幸福社区七栋从昨晚开始停水，没有看到停水通知',
    });
    await acceptAndDispatch(h5, dispatcher, number, '水务站', ['城管执法中队']);

    const squad = await unitStaff('unit-chengguan');
    await openFromWorkbench(h5, squad, '协办', number);
    await expectState(squad, '已派单');
    await squad.getByRole('region', { name: '诉求内容' }).getByLabel('承办单位：水务站', { exact: true }).waitFor();
    const actions = squad.getByRole('region', { name: '办理操作' });
    await actions.getByText('本单位为协办单位，可查看办理进展；签收、办理由主办单位进行。').waitFor();
    await expect(actions.getByRole('button').count()).resolves.toBe(0);
    await expect(squad.getByRole('button', { name: '签收', exact: true }).count()).resolves.toBe(0);

    // the main unit has it to sign
    const water = await unitStaff('unit-shuiwu');
    await openFromWorkbench(h5, water, '待签收', number);
    await water.getByRole('region', { name: '办理操作' }).getByRole('button', { name: '签收', exact: true }).waitFor();
  }, 240_000);
});
