/**
 * 活动 through the H5 build, against the real BFF and database: a community party committee drafts a
 * free activity that starts within the hour, previews and publishes it; a resident registers; the
 * committee shows the rotating check-in code; the resident checks in with it (pasted: the H5 stand-in
 * for the camera); the roster shows the check-in with the name masked.
 */
import { chinaClock, choose } from './h5/picker';
import { DESKTOP_VIEWPORT, openH5World, type H5World } from './h5/world';

let h5: H5World;

beforeAll(async () => {
  h5 = await openH5World();
}, 120_000);

afterAll(() => h5?.close());

const TITLE = '社区健康讲座：老年人防跌倒';

describe('activities in the H5 build', () => {
  it('when a party committee publishes a free activity and a resident registers, then the resident checks in with the rotating code and the roster shows it', async () => {
    const party = await h5.person(DESKTOP_VIEWPORT);
    await h5.logIn(party, 'party-lianhua');
    await h5.visit(party, '/packages/activities/index/index');
    await party.getByRole('button', { name: '发布活动', exact: true }).click();
    await party.getByRole('textbox', { name: '活动名称' }).fill(TITLE);
    await party.getByRole('button', { name: '保存并预览', exact: true }).click();
    await party.getByText('请填写活动介绍（最多5000字）').waitFor();
    await party.getByRole('textbox', { name: '活动介绍' }).fill('## 讲座内容\n居家防跌倒的要点。\n\n- 带上老花镜\n- 可以带家属');
    const start = chinaClock(Date.now() + 30 * 60_000);
    const end = chinaClock(Date.now() + 150 * 60_000);
    const deadline = chinaClock(Date.now() + 20 * 60_000);
    await choose(party, '活动日期', start.date);
    await choose(party, '开始时间', start.time);
    // the end on the same day as the start (a test run at 22:00 China time would cross midnight: then it ends at 23:59)
    await choose(party, '结束时间', end.date === start.date ? end.time : '23:59');
    await party.getByRole('spinbutton', { name: '名额' }).fill('20');
    await choose(party, '报名截止日期', deadline.date);
    await choose(party, '报名截止时间', deadline.time);
    await choose(party, '取消截止日期', deadline.date);
    await choose(party, '取消截止时间', deadline.time);
    await party.getByRole('button', { name: '使用演示坐标', exact: true }).click();
    await party.getByRole('textbox', { name: '详细地址' }).fill('莲花社区党群服务中心二楼');
    await party.getByRole('button', { name: '保存并预览', exact: true }).click();
    await party.getByRole('status').filter({ hasText: '草稿已保存' }).waitFor();
    await party.getByRole('button', { name: '发布活动', exact: true }).click();
    await party.getByRole('status').filter({ hasText: '活动已发布' }).waitFor();

    const resident = await h5.person();
    await h5.logIn(resident, 'e2e-activity-resident');
    await h5.registerRealName(resident, { name: '黄淑珍', first17: '44030419530826462', phone: '13611114444' });
    await h5.visit(resident, '/packages/activities/index/index');
    await resident.getByRole('link', { name: new RegExp(`^${TITLE}`) }).click();
    await resident.getByRole('region', { name: '活动介绍' }).getByText('居家防跌倒的要点。').waitFor();
    await resident.getByRole('button', { name: '报名', exact: true }).click();
    await resident.getByRole('status').filter({ hasText: '报名成功' }).waitFor();
    await resident.getByText('已报名', { exact: true }).first().waitFor();

    await party.reload();
    await party.getByRole('button', { name: '出示签到码（活动开始前1小时起）' }).click();
    const text = party.getByLabel('活动签到码文本', { exact: true });
    await text.waitFor({ timeout: 15_000 });
    const token = (await text.getAttribute('data-token')) ?? '';
    expect(token.length).toBeGreaterThan(20);

    const checkIn = resident.getByRole('region', { name: '现场签到' });
    await checkIn.getByRole('textbox', { name: '签到码' }).fill(token);
    await checkIn.getByRole('button', { name: '签到', exact: true }).click();
    await resident.getByRole('status').filter({ hasText: '签到成功' }).waitFor();
    await resident.getByText('已签到', { exact: true }).first().waitFor();

    await party.reload();
    const roster = party.getByRole('region', { name: '报名名单' });
    await roster.getByText('黄*珍').waitFor();
    await roster.getByText('已签到').waitFor();
  }, 300_000);
});
