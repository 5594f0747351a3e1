/**
 * 社区互助 through the H5 build, against the real BFF, database and WeChat simulator: A asks for help;
 * B finds it in the feed and responds; A accepts B; they exchange messages (B now sees the exact
 * address, which the feed never showed); B marks it done with the hours; A confirms and rates; B's
 * time bank shows the hours.
 */
import type { Page } from 'playwright-core';
import { chinaClock, choose } from './h5/picker';
import { addPhoto } from './h5/photos';
import { openH5World, type H5World } from './h5/world';

let h5: H5World;

beforeAll(async () => {
  h5 = await openH5World();
}, 120_000);

afterAll(() => h5?.close());

const ASK = '腿脚不便，想请邻居帮忙去超市买米和油';
const ADDRESS = '莲花小区3栋2单元502室';

/** From the feed while it is open; once a helper is on it, it is in the helper's 我帮忙的. */
async function openPost(page: Page, from: 'feed' | 'my help' = 'feed'): Promise<void> {
  if (from === 'feed') await h5.visit(page, '/packages/mutual-aid/index/index');
  else {
    await h5.visit(page, '/packages/mutual-aid/mine/index');
    await page.getByRole('radio', { name: '我帮忙的' }).click();
  }
  await page.getByRole('link', { name: new RegExp(`^求助，跑腿代购：${ASK}`) }).click();
  await page.getByText(/^发布人：/).filter({ visible: true }).first().waitFor();
}

describe('mutual aid in the H5 build', () => {
  it('when A asks and B helps, then they agree and talk in the app, B finishes, A confirms and rates, and B\'s time bank shows the hours', async () => {
    const a = await h5.person();
    await h5.logIn(a, 'e2e-aid-asker');
    await h5.registerRealName(a, { name: '周桂芳', first17: '44030419500312462', phone: '13677778888' });
    await h5.visit(a, '/packages/mutual-aid/index/index');
    await a.getByRole('button', { name: '我要求助', exact: true }).click();
    // the feed has a 跑腿代购 filter of its own: a locator resolved while the feed is still on screen
    // keeps that element after Taro hides the feed, so wait until the form is the page shown
    await a.getByRole('textbox', { name: '需要什么帮助' }).fill(ASK);
    await a.getByRole('radio', { name: '跑腿代购' }).filter({ visible: true }).click();
    // a form without its times and place is refused beside them, before anything is sent
    await a.getByRole('button', { name: '发布', exact: true }).click();
    await a.getByText('请填写大致位置，如：莲花小区3栋附近（2至30字）').waitFor();
    const start = chinaClock(Date.now() + 60 * 60_000);
    const end = chinaClock(Date.now() + 4 * 60 * 60_000);
    await choose(a, '开始日期', start.date);
    await choose(a, '开始时间', start.time);
    await choose(a, '结束日期', end.date);
    await choose(a, '结束时间', end.time);
    await a.getByRole('button', { name: '使用演示坐标', exact: true }).click();
    await a.getByRole('textbox', { name: '详细地址' }).fill(ADDRESS);
    await a.getByRole('textbox', { name: '大致位置（所有人可见）' }).fill('莲花小区3栋附近');
    await a.getByRole('button', { name: '发布', exact: true }).click();
    await a.getByRole('status').filter({ hasText: '已发布' }).waitFor();
    await a.getByText('等待响应', { exact: true }).waitFor();
    // until someone is accepted, A can change the ask: the form comes back filled in
    await a.getByRole('button', { name: '修改', exact: true }).click();
    const words = a.getByRole('textbox', { name: '需要什么帮助' });
    await a.waitForFunction(() => Array.from(document.querySelectorAll('textarea')).some((t) => t.value.startsWith('腿脚不便')));
    expect(await words.inputValue()).toBe(ASK);
    await words.fill(`${ASK}，两袋`);
    await a.getByRole('button', { name: '保存修改', exact: true }).click();
    await a.getByRole('status').filter({ hasText: '已保存修改' }).waitFor();
    await a.getByText(`${ASK}，两袋`, { exact: true }).waitFor();

    const b = await h5.person();
    await h5.logIn(b, 'e2e-aid-helper');
    await h5.registerRealName(b, { name: '吴建华', first17: '44030419880718253', phone: '13699990000' });
    // B picks the nickname neighbours will see; the real name is refused beside the field
    await h5.visit(b, '/packages/mutual-aid/mine/index');
    const card = b.getByRole('region', { name: '我的互助名片' });
    await card.getByText(/^昵称：邻居[0-9A-F]{4}，/).waitFor();
    await card.getByRole('textbox', { name: '新的互助昵称' }).fill('吴建华');
    await card.getByRole('button', { name: '保存昵称', exact: true }).click();
    await card.getByText('昵称不能包含您的真实姓名').waitFor();
    await card.getByRole('textbox', { name: '新的互助昵称' }).fill('热心小吴');
    await card.getByRole('button', { name: '保存昵称', exact: true }).click();
    await card.getByText(/^昵称：热心小吴，/).waitFor();
    await openPost(b);
    // before being accepted, B sees only the rough place
    await b.getByText('大致位置：莲花小区3栋附近（接受后对方可见详细地址）').waitFor();
    expect(await b.getByText(ADDRESS).count()).toBe(0);
    await b.getByRole('textbox', { name: '给对方留言（选填）' }).fill('我下午有空');
    await b.getByRole('button', { name: '我能帮忙', exact: true }).click();
    await b.getByRole('status').filter({ hasText: '已响应' }).waitFor();

    await a.reload();
    const responses = a.getByRole('region', { name: '响应的邻居' });
    await responses.getByText('我下午有空').waitFor();
    await responses.getByRole('button', { name: '接受热心小吴', exact: true }).click();
    await a.getByText('已有人帮忙', { exact: true }).waitFor();
    await a.getByRole('button', { name: '与热心小吴对话', exact: true }).click();
    await a.getByRole('textbox', { name: '消息' }).fill('谢谢您！米要5公斤装的');
    await a.getByRole('button', { name: '发送', exact: true }).click();
    await a.getByRole('log', { name: '对话记录' }).getByText('谢谢您！米要5公斤装的').waitFor();
    // A offers a phone number; B sees it only once B offers theirs too
    const aPhones = a.getByRole('region', { name: '手机号' });
    await aPhones.getByRole('button', { name: '向对方公开我的手机号', exact: true }).click();
    await aPhones.getByText('您已向对方公开手机号。').waitFor();
    await aPhones.getByText('对方没有公开手机号。').waitFor();

    await openPost(b, 'my help');
    await b.getByText(`地址：${ADDRESS}（只有你们两位看得到）`).waitFor();
    await b.getByRole('button', { name: /^与邻居.*对话$/ }).click();
    await b.getByRole('log', { name: '对话记录' }).getByText('谢谢您！米要5公斤装的').waitFor();
    const bPhones = b.getByRole('region', { name: '手机号' });
    await bPhones.getByText('对方已同意公开手机号。').waitFor();
    expect(await bPhones.getByText('13677778888').count()).toBe(0);
    await bPhones.getByRole('button', { name: '向对方公开我的手机号', exact: true }).click();
    await bPhones.getByText('对方手机号：13677778888').waitFor();
    await b.getByRole('textbox', { name: '消息' }).fill('好的，四点前送到');
    await addPhoto(b, b, 'receipt.png');
    await b.getByRole('img', { name: '照片1' }).waitFor();
    await b.getByRole('button', { name: '发送', exact: true }).click();
    await b.getByRole('log', { name: '对话记录' }).getByText('好的，四点前送到').waitFor();
    // the photo went with the message, fetched with B's session
    await b.getByRole('log', { name: '对话记录' }).getByRole('button', { name: '照片1，点按查看大图' }).waitFor();

    await openPost(b, 'my help');
    const done = b.getByRole('region', { name: '标记完成' });
    await done.getByRole('radio', { name: '2小时' }).click();
    await done.getByRole('button', { name: '标记完成', exact: true }).click();
    await b.getByRole('status').filter({ hasText: '已标记完成' }).waitFor();

    await a.goBack();
    await a.reload();
    const confirm = a.getByRole('region', { name: '确认完成' });
    await confirm.getByText('对方填写的时长：2小时。确认后记入对方的时间银行。').waitFor();
    await confirm.getByRole('radio', { name: '2小时' }).click();
    await confirm.getByRole('button', { name: '确认完成', exact: true }).click();
    await a.getByRole('status').filter({ hasText: '已确认完成' }).waitFor();
    const rating = a.getByRole('region', { name: '评价对方' });
    await rating.getByRole('radio', { name: '5星' }).click();
    await rating.getByRole('checkbox', { name: '守时' }).click();
    await rating.getByRole('button', { name: '提交评价', exact: true }).click();
    await a.getByRole('status').filter({ hasText: '评价已提交' }).waitFor();

    await h5.visit(b, '/packages/mutual-aid/mine/index');
    await b.getByRole('region', { name: '时间银行' }).getByText('帮助邻居累计 2 小时').waitFor();
    await b.getByRole('region', { name: '时间银行' }).getByText('+2小时').waitFor();

    // the community's staff see the hours in the time bank totals (and the page passes the same checks)
    const staff = await h5.person();
    await h5.logIn(staff, 'community-lianhua');
    await h5.visit(staff, '/packages/mutual-aid/staff/index');
    await staff.getByRole('region', { name: '时间银行合计' }).getByText('2小时 · 1位邻居').waitFor();

    // B reports A as a person; the staff see the reason, suspend A for a week, then lift it
    await openPost(b, 'my help');
    const safety = b.getByRole('region', { name: '举报或屏蔽' });
    await safety.getByRole('textbox', { name: '举报原因' }).fill('私下索要跑腿费');
    await safety.getByRole('button', { name: /^举报邻居[0-9A-F]{4}$/ }).click();
    await b.getByRole('status').filter({ hasText: '已举报' }).waitFor();
    await staff.reload();
    const reported = staff.getByRole('region', { name: '被举报的用户' });
    await reported.getByText('举报理由：私下索要跑腿费').waitFor();
    await reported.getByRole('textbox', { name: /^暂停原因/ }).fill('多次私下收费');
    await reported.getByRole('button', { name: /^暂停邻居[0-9A-F]{4}$/ }).click();
    await staff.getByRole('status').filter({ hasText: '使用社区互助' }).waitFor();
    const suspended = staff.getByRole('region', { name: '暂停中的用户' });
    await suspended.getByText('原因：多次私下收费').waitFor();
    await suspended.getByRole('button', { name: /^解除暂停邻居/ }).click();
    await suspended.getByText('没有暂停中的用户').waitFor();
  }, 300_000);
});
