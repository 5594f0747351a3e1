/**
 * A community organiser and a volunteer in two browsers, against the real BFF, database and WeChat
 * simulator, through the H5 build: the organiser publishes a shift that starts within the check-in
 * window, the volunteer registers and signs up, checks in and out with the code the organiser's page
 * shows (pasted: the H5 stand-in for the camera), the organiser confirms the hours with an adjustment
 * and a reason, and the volunteer sees the hours and what the next star still needs.
 */
import type { Page } from 'playwright-core';
import { chinaClock, choose } from './h5/picker';
import { DESKTOP_VIEWPORT, openH5World, PHONE_VIEWPORT, type H5World } from './h5/world';

let h5: H5World;

beforeAll(async () => {
  h5 = await openH5World();
}, 120_000);

afterAll(() => h5?.close());

/** The code the organiser's page shows under the QR image (what the H5 volunteer pastes). */
async function shownToken(organiser: Page, label: '签到码' | '签退码'): Promise<string> {
  const text = organiser.getByLabel(`${label}文本`, { exact: true });
  await text.waitFor({ timeout: 15_000 });
  const token = (await text.textContent())?.trim() ?? '';
  expect(token.length).toBeGreaterThan(20);
  return token;
}

describe('a volunteer shift from publishing to confirmed hours in the H5 build', () => {
  it('when the organiser publishes, the volunteer signs up and checks in and out with the shown code, and the organiser confirms, then the volunteer sees the hours and the star progress', async () => {
    const title = `e2e社区助老${Date.now().toString(36).slice(-4)}`;

    // organiser (community staff) reaches the volunteer pages from the workbench and publishes a shift
    const organiser = await h5.person(DESKTOP_VIEWPORT);
    await h5.logIn(organiser, 'community-lianhua');
    await h5.visit(organiser, '/packages/workbench/index/index');
    await organiser.getByRole('radio', { name: '志愿服务', exact: true }).click();
    await organiser.getByRole('button', { name: '打开志愿服务管理' }).click();
    await organiser.getByRole('button', { name: '发布班次', exact: true }).click();
    // starts in 10 minutes (check-in opens 30 minutes before), lasts 30 minutes
    const start = chinaClock(Date.now() + 10 * 60_000);
    const end = chinaClock(Date.now() + 40 * 60_000);
    await organiser.getByRole('textbox', { name: '项目名称' }).fill(title);
    await organiser.getByRole('textbox', { name: '服务内容' }).fill('陪伴社区老人聊天、读报');
    await organiser.getByRole('button', { name: '使用演示坐标' }).click();
    await choose(organiser, '日期', start.date);
    await choose(organiser, '开始时间', start.time);
    await choose(organiser, '结束时间', end.time);
    await organiser.getByRole('textbox', { name: '名额（人）' }).fill('2');
    await organiser.getByRole('textbox', { name: '取消截止：开始前（小时）' }).fill('0');
    await organiser.getByRole('button', { name: '发布班次', exact: true }).click();
    await organiser.getByRole('region', { name: '岗位信息' }).getByText(title).waitFor({ timeout: 15_000 });
    const shiftId = /[?&]id=([0-9a-f]{24})/.exec(organiser.url())?.[1];
    expect(shiftId).toBeDefined();

    // volunteer: real name, volunteer registration, then the shift from the home page's entry
    const volunteer = await h5.person(PHONE_VIEWPORT);
    await h5.logIn(volunteer, `e2e-volunteer-${Date.now().toString(36)}`);
    await h5.registerRealName(volunteer, { name: '李志远', first17: '44030419900315123', phone: '13712345678' });
    await h5.visit(volunteer, '/pages/mine/index');
    await volunteer.getByRole('link', { name: '志愿者' }).click();
    await volunteer.getByRole('button', { name: '注册志愿者' }).click();
    await volunteer.getByRole('checkbox', { name: '助老服务' }).click();
    await volunteer.getByRole('button', { name: '注册成为志愿者' }).click();
    await volunteer.getByLabel(/^志愿者编号：GZV/).waitFor({ timeout: 15_000 });

    await h5.visit(volunteer, '/pages/index/index');
    await volunteer.getByRole('link', { name: '浏览岗位' }).click();
    await volunteer.getByRole('link', { name: new RegExp(`^${title} `) }).click();
    // what the organiser wrote as 服务内容 is what the volunteer reads before signing up
    await volunteer.getByRole('group', { name: '服务内容' }).getByText('陪伴社区老人聊天、读报').waitFor({ timeout: 15_000 });
    await volunteer.getByRole('button', { name: '报名', exact: true }).click();
    await volunteer.getByLabel('我的报名：已报名', { exact: true }).waitFor({ timeout: 15_000 });

    // check in with the code the organiser's page shows
    await organiser.getByRole('button', { name: '出示签到码' }).click();
    const checkInToken = await shownToken(organiser, '签到码');
    await organiser.getByRole('img', { name: '签到码二维码' }).waitFor();
    await volunteer.getByRole('textbox', { name: '签到码' }).fill(checkInToken);
    await volunteer.getByRole('button', { name: '扫码签到' }).click();
    await volunteer.getByText('✓ 签到成功').waitFor({ timeout: 15_000 });

    // check out with a check-out code issued after the check-in
    await organiser.getByRole('radio', { name: '签退码', exact: true }).click();
    const checkOutToken = await shownToken(organiser, '签退码');
    expect(checkOutToken).not.toBe(checkInToken);
    await volunteer.getByRole('textbox', { name: '签到码' }).fill(checkOutToken);
    await volunteer.getByRole('button', { name: '扫码签退' }).click();
    await volunteer.getByText('✓ 签退成功').waitFor({ timeout: 15_000 });

    // organiser: the roster shows the presence; the computed hours are adjusted with a reason
    await h5.visit(organiser, `/packages/volunteer-organiser/shift/index?id=${shiftId}`);
    const roster = organiser.getByRole('region', { name: '报名名单' });
    await roster.getByLabel(/的到岗情况：签到 \d\d:\d\d；签退 \d\d:\d\d$/).waitFor({ timeout: 15_000 });
    await roster.getByRole('button', { name: /^调整时长：/ }).click();
    await roster.getByRole('textbox', { name: /的服务时长（小时）$/ }).fill('1.5');
    await roster.getByRole('textbox', { name: /的调整原因$/ }).fill('提前到场协助布置');
    await roster.getByRole('button', { name: /^按调整确认：/ }).click();
    await roster.getByText(/；已确认：1\.5小时$/).waitFor({ timeout: 15_000 });
    // and rates the volunteer (1–5 in words, not stars alone)
    await roster.getByRole('radio', { name: '5分 非常好' }).click();
    await roster.getByRole('button', { name: '提交评价' }).click();
    await roster.getByText('已评价：5分').waitFor({ timeout: 15_000 });

    // volunteer: the confirmed hours and what the first star still needs
    await h5.visit(volunteer, '/packages/volunteers/index/index');
    await volunteer.getByLabel('累计服务时长：1.5小时', { exact: true }).waitFor({ timeout: 15_000 });
    await volunteer.getByLabel('星级：暂无星级', { exact: true }).waitFor();
    await volunteer.getByLabel('星级进度：距一星志愿者还需：服务时长98.5小时、注册满6个月', { exact: true }).waitFor();
    await volunteer.getByRole('progressbar', { name: '星级进度 1%' }).waitFor();

    // the volunteer rates the shift, then has a numbered certificate issued
    await h5.visit(volunteer, `/packages/volunteers/shift/index?id=${shiftId}`);
    await volunteer.getByLabel('我的报名：已服务', { exact: true }).waitFor({ timeout: 15_000 });
    await volunteer.getByRole('radio', { name: '4分 好' }).click();
    await volunteer.getByRole('button', { name: '提交评价' }).click();
    await volunteer.getByRole('radio', { name: '4分 好' }).waitFor({ state: 'detached', timeout: 15_000 });
    await h5.visit(volunteer, '/packages/volunteers/certificate/index');
    await volunteer.getByRole('button', { name: '开具服务证明' }).click();
    const certificate = volunteer.getByRole('region', { name: '志愿服务证明' });
    await certificate.getByLabel(/^累计时长：1\.5小时，1次服务$/).waitFor({ timeout: 15_000 });
    await certificate.getByRole('img', { name: /^志愿服务证明图片，编号/ }).waitFor();
  }, 240_000);
});
