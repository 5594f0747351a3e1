/**
 * 民意征集 through the H5 build, against the real BFF and database: community staff draft a poll,
 * preview and publish it; two residents of the community answer it once each (the page then has no
 * form to answer again); the staff close it and both residents see the results, every bar stated in
 * numbers.
 */
import type { Page } from 'playwright-core';
import { DESKTOP_VIEWPORT, openH5World, type H5World } from './h5/world';

let h5: H5World;

beforeAll(async () => {
  h5 = await openH5World();
}, 120_000);

afterAll(() => h5?.close());

const POLL = '楼道堆物清理方式征集';

async function answerAs(resident: Page, who: { name: string; first17: string; phone: string }, plan: string, rating: string): Promise<void> {
  await h5.logIn(resident, `e2e-poll-${who.phone}`);
  await h5.registerRealName(resident, who);
  await h5.visit(resident, '/packages/polls/index/index');
  await resident.getByRole('link', { name: new RegExp(`^${POLL}，进行中`) }).click();
  await resident.getByText('已答 0 / 2 题').waitFor();
  await resident.getByRole('radio', { name: plan, exact: true }).click();
  await resident.getByRole('radio', { name: rating, exact: true }).click();
  await resident.getByText('已答 2 / 2 题').waitFor();
  await resident.getByRole('button', { name: '提交答卷', exact: true }).click();
  // the last word before it goes: secret, and final
  const confirm = resident.getByRole('region', { name: '确认提交' });
  await confirm.getByText(/不记名：答卷与您的身份分开保存。提交后不能修改。/).waitFor();
  await confirm.getByRole('button', { name: '确认提交', exact: true }).click();
  await resident.getByRole('status').filter({ hasText: '答卷已提交' }).waitFor();
  // answered once: no form to answer again, and the page says why
  await resident.getByText('您已提交过本问卷').waitFor();
  expect(await resident.getByRole('button', { name: '提交答卷', exact: true }).count()).toBe(0);
  await resident.getByText('结果将在问卷结束后公开。').waitFor();
}

describe('opinion polls in the H5 build', () => {
  it('when staff publish a poll and two residents answer, then each answers once and, once it is closed, both see the results', async () => {
    const staff = await h5.person(DESKTOP_VIEWPORT);
    await h5.logIn(staff, 'community-lianhua');
    await h5.visit(staff, '/packages/polls/index/index');
    await staff.getByRole('button', { name: '发起问卷', exact: true }).click();
    await staff.getByRole('textbox', { name: '标题' }).fill(POLL);
    // a poll without its questions is refused beside the question, before anything is sent
    await staff.getByRole('button', { name: '保存并预览', exact: true }).click();
    await staff.getByText(/请填写题目/).first().waitFor();
    await staff.getByRole('textbox', { name: '第1题题目' }).fill('楼道堆物怎么清理？');
    await staff.getByRole('textbox', { name: '第1题选项（每行一个）' }).fill('统一清运\n业主自行清理\n物业上门收费清理');
    await staff.getByRole('button', { name: '添加题目', exact: true }).click();
    await staff.getByRole('radio', { name: '打分（1–5分）' }).nth(1).click();
    await staff.getByRole('textbox', { name: '第2题题目' }).fill('您对目前楼道环境的满意度');
    await staff.getByRole('button', { name: '保存并预览', exact: true }).click();

    // the preview: the questions as residents will see them, then publishing
    await staff.getByText('预览：居民看到的题目如下，发布后即可作答。').waitFor();
    await staff.getByText('1. 楼道堆物怎么清理？').waitFor();
    await staff.getByRole('button', { name: '发布问卷', exact: true }).click();
    await staff.getByRole('status').filter({ hasText: '问卷已发布' }).waitFor();
    await staff.getByText('进行中', { exact: true }).waitFor();

    const first = await h5.person();
    await answerAs(first, { name: '周文静', first17: '44030419860214352', phone: '13611112222' }, '统一清运', '4分');
    const second = await h5.person();
    await answerAs(second, { name: '郑国强', first17: '44030419790923471', phone: '13633334444' }, '业主自行清理', '2分');

    // staff see the count come in, then close the poll
    await staff.reload();
    await staff.getByRole('region', { name: '问卷结果' }).getByText(/^共 2 份答卷/).waitFor();
    await staff.getByRole('button', { name: '结束问卷', exact: true }).click();
    await staff.getByText('已结束', { exact: true }).waitFor();

    for (const resident of [first, second]) {
      await resident.reload();
      const results = resident.getByRole('region', { name: '问卷结果' });
      await results.getByText(/^共 2 份答卷/).waitFor();
      const plan = results.getByRole('region', { name: '1. 楼道堆物怎么清理？' });
      await plan.getByRole('listitem').filter({ hasText: '统一清运' }).getByText('1票 · 50.0%').waitFor();
      await plan.getByRole('listitem').filter({ hasText: '物业上门收费清理' }).getByText('0票 · 0.0%').waitFor();
      await results.getByText('平均 3 分（2人打分）').waitFor();
      // the digest follows a minute after closing, once the ballots are recounted (the BFF tests advance the clock for it)
      await results.getByText('正在核对计票，结束一分钟后公布匿名答卷摘要。').waitFor();
    }
  }, 240_000);
});
