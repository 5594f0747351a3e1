/**
 * 活动 through the H5 build, against the real BFF and database: a community party committee drafts a
 * free activity that starts within the hour, previews and publishes it; a resident registers; the
 * committee shows the rotating check-in code; the resident checks in with it (pasted: the H5 stand-in
 * for the camera); the roster shows the check-in with the name masked. And a paid activity: the resident
 * registers and pays on the WeChat Pay simulator's page (the H5 stand-in for wx.requestPayment), sees it
 * paid, cancels before the cut-off and sees the fee refunded.
 */
import { chinaClock, choose } from './h5/picker';
import { DESKTOP_VIEWPORT, openH5World, type H5World } from './h5/world';

let h5: H5World;

beforeAll(async () => {
  h5 = await openH5World();
}, 120_000);

afterAll(() => h5?.close());

const TITLE = '社区健康讲座：老年人防跌倒';
const PAID = '亲子陶艺手工课';

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

  it('when a party committee publishes a paid activity, then a resident pays on WeChat Pay\'s page, sees it paid, cancels before the cut-off and sees the refund', async () => {
    const party = await h5.person(DESKTOP_VIEWPORT);
    await h5.logIn(party, 'party-lianhua');
    await h5.visit(party, '/packages/activities/index/index');
    await party.getByRole('button', { name: '发布活动', exact: true }).click();
    await party.getByRole('textbox', { name: '活动名称' }).fill(PAID);
    await party.getByRole('textbox', { name: '活动介绍' }).fill('材料费每人30元，含陶泥和烧制。');
    const start = chinaClock(Date.now() + 5 * 24 * 3600_000);
    const cutoff = chinaClock(Date.now() + 3 * 24 * 3600_000);
    await choose(party, '活动日期', start.date);
    await choose(party, '开始时间', '09:00');
    await choose(party, '结束时间', '11:00');
    await party.getByRole('spinbutton', { name: '名额' }).fill('10');
    await choose(party, '报名截止日期', cutoff.date);
    await choose(party, '报名截止时间', '18:00');
    await choose(party, '取消截止日期', cutoff.date);
    await choose(party, '取消截止时间', '18:00');
    await party.getByRole('button', { name: '使用演示坐标', exact: true }).click();
    await party.getByRole('textbox', { name: '详细地址' }).fill('莲花社区党群服务中心一楼');
    await party.getByRole('radio', { name: '收费', exact: true }).click();
    await party.getByRole('textbox', { name: '报名费（元）' }).fill('30');
    await party.getByRole('button', { name: '保存并预览', exact: true }).click();
    await party.getByRole('status').filter({ hasText: '草稿已保存' }).waitFor();
    await party.getByRole('button', { name: '发布活动', exact: true }).click();
    await party.getByRole('status').filter({ hasText: '活动已发布' }).waitFor();

    const resident = await h5.person();
    await h5.logIn(resident, 'e2e-activity-payer');
    await h5.registerRealName(resident, { name: '周桂英', first17: '44030419610214282', phone: '13611115555' });
    await h5.visit(resident, '/packages/activities/index/index');
    await resident.getByRole('link', { name: new RegExp(`^${PAID}`) }).click();
    await resident.getByRole('button', { name: '报名并支付 ¥30.00', exact: true }).click();
    // WeChat Pay's sheet: in the browser, the simulator's page
    await resident.getByRole('heading', { name: '微信支付（模拟）' }).waitFor({ timeout: 15_000 });
    await resident.getByLabel('支付金额 30.00 元').waitFor();
    await resident.getByRole('button', { name: '确认支付', exact: true }).click();
    const payment = resident.getByRole('region', { name: '支付' });
    await payment.getByText('支付：已支付').waitFor({ timeout: 15_000 });
    await h5.audit(resident, 'the activity, paid');

    await resident.getByRole('button', { name: '取消报名', exact: true }).click();
    await resident.getByRole('status').filter({ hasText: '已取消报名' }).waitFor();
    // the refund result comes from WeChat Pay a moment later
    for (let i = 0; i < 20 && !(await payment.getByText('支付：已退款').isVisible()); i++) {
      await resident.waitForTimeout(500);
      await resident.reload();
    }
    await payment.getByText('支付：已退款').waitFor();
    await payment.getByText('费用 ¥30.00，已退还 ¥30.00').waitFor();

    // the organiser's reconciliation page: yesterday's bill is not in yet on a fresh database
    await h5.visit(party, '/packages/activities/reconciliation/index');
    await party.getByText(/该日尚未对账/).waitFor();
  }, 300_000);
});
