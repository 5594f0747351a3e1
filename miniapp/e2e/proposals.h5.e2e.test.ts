/**
 * 居民提议 through the H5 build, against the real BFF and database: community staff set their
 * community's threshold to 2 on the answer queue page; a resident proposes (and may not support their
 * own); two neighbours support it, each seeing the count go up, and the second support moves it to
 * awaiting an answer; the staff answer it from the queue (adopted), and the author sees the answer.
 */
import type { Page } from 'playwright-core';
import { DESKTOP_VIEWPORT, openH5World, type H5World } from './h5/world';

let h5: H5World;

beforeAll(async () => {
  h5 = await openH5World();
}, 120_000);

afterAll(() => h5?.close());

const TITLE = '小区增设电动车充电桩';

async function resident(who: { name: string; first17: string; phone: string }): Promise<Page> {
  const page = await h5.person();
  await h5.logIn(page, `e2e-proposal-${who.phone}`);
  await h5.registerRealName(page, who);
  return page;
}

async function supportAs(page: Page, count: number): Promise<void> {
  await h5.visit(page, '/packages/proposals/index/index');
  await page.getByRole('link', { name: new RegExp(`^${TITLE}，征集附议中`) }).click();
  await page.getByText(`附议 ${count - 1} 人（门槛 2 人）`).waitFor();
  await page.getByRole('button', { name: '附议', exact: true }).click();
  await page.getByRole('status').filter({ hasText: `附议成功，已有${count}人附议` }).waitFor();
  await page.getByText(`附议 ${count} 人（门槛 2 人）`).waitFor();
  await page.getByText('✓ 我已附议').waitFor();
  // supported once: the button is gone
  expect(await page.getByRole('button', { name: '附议', exact: true }).count()).toBe(0);
}

describe('resident proposals in the H5 build', () => {
  it('when two neighbours support a proposal to the threshold, then staff answer it from the queue and the author sees the answer', async () => {
    const staff = await h5.person(DESKTOP_VIEWPORT);
    await h5.logIn(staff, 'community-lianhua');
    await h5.visit(staff, '/packages/proposals/queue/index');
    await staff.getByRole('textbox', { name: '附议门槛（人）' }).fill('2');
    await staff.getByRole('button', { name: '保存门槛', exact: true }).click();
    await staff.getByRole('status').filter({ hasText: '附议门槛已设为2人' }).waitFor();

    const author = await resident({ name: '刘晓梅', first17: '44030419850312361', phone: '13655550001' });
    await h5.visit(author, '/packages/proposals/new/index');
    // too short: refused beside the field before anything is sent
    await author.getByRole('textbox', { name: '标题' }).fill('充电');
    await author.getByRole('button', { name: '提交提议', exact: true }).click();
    await author.getByText('请填写标题，4至40字').waitFor();
    await author.getByRole('textbox', { name: '标题' }).fill(TITLE);
    await author.getByRole('textbox', { name: '提议内容' }).fill('建议在3号楼北侧空地增设电动车充电桩，减少楼道充电的火灾隐患。');
    await author.getByRole('button', { name: '提交提议', exact: true }).click();
    await author.getByText('附议 0 人（门槛 2 人）').waitFor();
    // the author may not support their own, and is told why
    await author.getByText('不能附议：这是您本人的提议，不能附议').waitFor();
    await author.getByText('提议人：我', { exact: false }).waitFor();

    const first = await resident({ name: '陈建华', first17: '44030419900718482', phone: '13655550002' });
    await supportAs(first, 1);
    // neighbours see 居民, never the author's name
    expect(await first.getByText('刘晓梅').count()).toBe(0);
    const second = await resident({ name: '黄丽娟', first17: '44030419770405213', phone: '13655550003' });
    await supportAs(second, 2);
    await second.getByText('待社区答复', { exact: true }).first().waitFor();

    // the staff queue: awaiting an answer, with its deadline
    await h5.visit(staff, '/packages/proposals/queue/index');
    await staff.getByRole('link', { name: new RegExp(`^${TITLE}，待社区答复，附议2人`) }).click();
    await staff.getByRole('radio', { name: '采纳', exact: true }).click();
    await staff.getByRole('textbox', { name: '采纳后的安排' }).fill('采纳。由物业在下月完成选址和安装，费用从公共收益列支。');
    await staff.getByRole('button', { name: '发布答复', exact: true }).click();
    await staff.getByRole('status').filter({ hasText: '答复已发布' }).waitFor();
    await staff.getByText('社区答复：已采纳').waitFor();

    await h5.visit(author, '/packages/proposals/index/index');
    await author.getByRole('radio', { name: '我的', exact: true }).click();
    await author.getByRole('link', { name: new RegExp(`^${TITLE}，已采纳`) }).click();
    await author.getByText('社区答复：已采纳').waitFor();
    await author.getByText('采纳。由物业在下月完成选址和安装，费用从公共收益列支。').waitFor();

    // the adopted proposal can become a candidate of a 民生微实事 round, linked to it
    await h5.visit(staff, '/packages/polls/budget-new/index');
    const fromProposals = staff.getByRole('region', { name: '从居民提议添加' });
    await fromProposals.getByRole('button', { name: `添加为候选项目：${TITLE}` }).click();
    await fromProposals.getByRole('button', { name: `已添加：${TITLE}` }).waitFor();
    expect(await staff.getByRole('textbox', { name: '候选项目1名称' }).inputValue()).toBe(TITLE);
    await staff.getByText('来自居民提议，投票结果将关联该提议').waitFor();
    await staff.getByRole('textbox', { name: '标题' }).fill('2027年莲花社区民生微实事');
    await staff.getByRole('spinbutton', { name: '总预算（元）' }).fill('50000');
    await staff.getByRole('spinbutton', { name: '候选项目1费用（元）' }).fill('8000');
    await staff.getByRole('button', { name: '添加候选项目', exact: true }).click();
    await staff.getByRole('textbox', { name: '候选项目2名称' }).fill('社区公告栏');
    await staff.getByRole('spinbutton', { name: '候选项目2费用（元）' }).fill('5000');
    await staff.getByRole('button', { name: '保存并预览', exact: true }).click();
    await staff.getByText('预览：居民看到的候选项目如下，发布后即可投票。').waitFor();
    await staff.getByText(TITLE).first().waitFor();
  }, 240_000);
});
