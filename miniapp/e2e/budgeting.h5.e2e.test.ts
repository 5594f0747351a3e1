/**
 * 民生微实事 budgeting through the H5 build, against the real BFF and database: community staff open a
 * round with four candidate projects and publish it; a resident ticks projects, is refused in the page
 * when one would go over the budget (the BFF refuses the same: budgeting.test.ts), votes within it,
 * and cannot vote again; once the staff close the round, the resident sees which projects are funded,
 * each said in words.
 */
import { DESKTOP_VIEWPORT, openH5World, type H5World } from './h5/world';

let h5: H5World;

beforeAll(async () => {
  h5 = await openH5World();
}, 120_000);

afterAll(() => h5?.close());

const ROUND = '2027年莲花社区民生微实事';
const PROJECTS: Array<[string, string]> = [
  ['楼道照明改造', '60000'],
  ['小游园增设座椅', '50000'],
  ['无障碍坡道', '40000'],
  ['社区公告栏', '5000'],
];

describe('民生微实事 budgeting in the H5 build', () => {
  it('when staff open a round and a resident votes, then a ballot over the budget is refused in the page, one within it counts once, and the outcome shows once closed', async () => {
    const staff = await h5.person(DESKTOP_VIEWPORT);
    await h5.logIn(staff, 'community-lianhua');
    await h5.visit(staff, '/packages/polls/budgets/index');
    await staff.getByRole('button', { name: '发起预算投票', exact: true }).click();
    await staff.getByRole('textbox', { name: '标题' }).fill(ROUND);
    await staff.getByRole('spinbutton', { name: '总预算（元）' }).fill('100000');
    // a candidate without its cost is refused beside it, before anything is sent
    await staff.getByRole('textbox', { name: '候选项目1名称' }).fill(PROJECTS[0]![0]);
    await staff.getByRole('button', { name: '保存并预览', exact: true }).click();
    await staff.getByText(/请填写项目名称（2至60字）和费用/).first().waitFor();
    await staff.getByRole('button', { name: '添加候选项目', exact: true }).click();
    await staff.getByRole('button', { name: '添加候选项目', exact: true }).click();
    for (const [i, [title, cost]] of PROJECTS.entries()) {
      await staff.getByRole('textbox', { name: `候选项目${i + 1}名称` }).fill(title);
      await staff.getByRole('spinbutton', { name: `候选项目${i + 1}费用（元）` }).fill(cost);
    }
    await staff.getByText('候选项目合计 ¥155,000（可以超过总预算：由居民投票决定哪些入选）').waitFor();
    await staff.getByRole('button', { name: '保存并预览', exact: true }).click();
    await staff.getByText('预览：居民看到的候选项目如下，发布后即可投票。').waitFor();
    await staff.getByRole('button', { name: '发布预算投票', exact: true }).click();
    await staff.getByRole('status').filter({ hasText: '预算投票已发布' }).waitFor();

    const resident = await h5.person();
    await h5.logIn(resident, 'e2e-budget-resident');
    await h5.registerRealName(resident, { name: '孙秀兰', first17: '44030419720611382', phone: '13655556666' });
    await h5.visit(resident, '/packages/polls/budgets/index');
    await resident.getByRole('link', { name: new RegExp(`^${ROUND}，莲花社区，预算¥100,000，进行中`) }).click();
    const ballot = resident.getByRole('region', { name: '我的选票' });
    await ballot.getByText('已选 0 项，共 ¥0；预算 ¥100,000，剩余 ¥100,000').waitFor();
    await ballot.getByRole('checkbox', { name: '楼道照明改造，¥60,000' }).click();
    await ballot.getByText('已选 1 项，共 ¥60,000；预算 ¥100,000，剩余 ¥40,000').waitFor();
    // 50,000 no longer fits: the row says so, and ticking it is refused with the reason
    await ballot.getByRole('checkbox', { name: '小游园增设座椅，¥50,000，超出剩余预算' }).click();
    await ballot.getByText('“小游园增设座椅”需要 ¥50,000，超过剩余预算 ¥40,000。请先取消其他项目。').waitFor();
    expect(await ballot.getByRole('checkbox', { name: /^小游园增设座椅/ }).getAttribute('aria-checked')).toBe('false');
    await ballot.getByRole('checkbox', { name: '无障碍坡道，¥40,000' }).click();
    await ballot.getByText('已选 2 项，共 ¥100,000；预算 ¥100,000，剩余 ¥0').waitFor();
    await ballot.getByRole('button', { name: '投票', exact: true }).click();
    const confirm = resident.getByRole('region', { name: '确认投票' });
    await confirm.getByText(/您选择了 2 个项目，共 ¥100,000。不记名/).waitFor();
    await confirm.getByRole('button', { name: '确认投票', exact: true }).click();
    await resident.getByRole('status').filter({ hasText: '投票成功' }).waitFor();
    await resident.getByText('您已投过票').waitFor();
    expect(await resident.getByRole('region', { name: '我的选票' }).count()).toBe(0);

    await staff.reload();
    await staff.getByRole('region', { name: '当前计票（仅工作人员可见）' }).getByText(/^共 1 张选票/).waitFor();
    await staff.getByRole('button', { name: '结束投票', exact: true }).click();
    await staff.getByText('已结束', { exact: true }).first().waitFor();

    await resident.reload();
    const outcome = resident.getByRole('region', { name: '投票结果' });
    await outcome.getByText('共 1 张选票；入选项目合计 ¥100,000，预算 ¥100,000').waitFor();
    const ranking = outcome.getByRole('list', { name: '项目排名' });
    await ranking.getByRole('listitem').filter({ hasText: '无障碍坡道' }).getByText('入选', { exact: true }).waitFor();
    await ranking.getByRole('listitem').filter({ hasText: '楼道照明改造' }).getByText('入选', { exact: true }).waitFor();
    await ranking.getByRole('listitem').filter({ hasText: '社区公告栏' }).getByText('未入选（无人投票）').waitFor();
    await outcome.getByText('正在核对计票，结束一分钟后公布最终结果和匿名选票摘要。').waitFor();
  }, 240_000);
});
