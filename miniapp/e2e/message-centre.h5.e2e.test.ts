/**
 * The message centre in the H5 build, against the real BFF, database and WeChat simulator: a resident
 * files a complaint (the H5 stand-in accepts the subscribe request in the submit tap, tells the simulator
 * and reports it to the BFF),
 * the dispatcher accepts and dispatches it, the outbox runs; 我的 shows the unread count, the centre
 * lists both notices with a worded unread badge, and a tap opens the complaint and marks it read.
 */
import { loadConfig } from '../../bff/src/platform/config';
import { connectDatabase } from '../../bff/src/platform/database';
import { runOutboxOnce } from '../../bff/src/modules/notifications/outbox-delivery';
import { createMiniProgramApi } from '../../bff/src/wechat/miniprogram';
import { acceptAndDispatch, expectState, fileComplaint } from './h5/complaints';
import { DESKTOP_VIEWPORT, openH5World, PHONE_VIEWPORT, type H5World } from './h5/world';

let h5: H5World;

beforeAll(async () => {
  h5 = await openH5World();
}, 120_000);

afterAll(() => h5?.close());

/**
 * One run of the outbox worker, as the BFF's own background job does (which may have got there
 * first: leases keep each entry to one worker); answers the complaint's outbox entries' states.
 */
async function deliverNotices(number: string): Promise<string[]> {
  const config = loadConfig({ ...process.env, GONGZHI_ENV: 'development', MONGODB_URI: h5.stack.mongoUri, WECHAT_API_BASE_URL: h5.stack.simulatorUrl });
  const conn = await connectDatabase(h5.stack.mongoUri);
  try {
    const wechat = createMiniProgramApi({ baseUrl: h5.stack.simulatorUrl, appId: config.wechat.appId, appSecret: config.secrets.wechatAppSecret });
    await runOutboxOnce({ conn, wechat, templates: config.wechat.subscribeTemplates });
    const complaint = await conn.db!.collection('complaints').findOne({ number });
    return (complaint?.outbox as Array<{ status: string }>).map((e) => e.status);
  } finally {
    await conn.close();
  }
}

describe('the message centre in the H5 build', () => {
  it('when the dispatcher moves a filed complaint, then 我的 counts the unread notices, and opening one shows the complaint and marks it read', async () => {
    const resident = await h5.person(PHONE_VIEWPORT);
    await h5.logIn(resident, `e2e-inbox-${Date.now().toString(36)}`);
    await h5.registerRealName(resident, { name: '林小雨', first17: '44030419900101123', phone: '13812345670' });
    const number = await fileComplaint(h5, resident, { group: '市政设施', category: '路灯故障', description: '小区东门路灯连续三晚不亮，夜里看不清台阶' });

    const dispatcher = await h5.person(DESKTOP_VIEWPORT);
    await h5.logIn(dispatcher, 'dispatcher');
    await acceptAndDispatch(h5, dispatcher, number, '城管执法中队');
    // the stand-in accepted the progress template once in the submit tap and told the simulator, as the
    // WeChat client tells WeChat: the first notice is sent; the second finds no subscription left and
    // is not sent. Both are in the centre.
    expect(await deliverNotices(number)).toEqual(['sent', 'unsubscribed']);

    await h5.visit(resident, '/pages/mine/index');
    await resident.getByRole('link', { name: '消息中心，2条未读' }).click();
    const list = resident.getByRole('list', { name: '消息列表' });
    await list.getByRole('link', { name: /^未读\s*您的诉求已派单/ }).waitFor({ timeout: 15_000 });
    await expect(list.getByText('未读', { exact: true }).count()).resolves.toBe(2);
    await list.getByRole('link', { name: /^未读\s*您的诉求已派单/ }).click();
    await expectState(resident, '已派单');

    await h5.visit(resident, '/pages/mine/index');
    await resident.getByRole('link', { name: '消息中心，1条未读' }).waitFor({ timeout: 15_000 });
  });
});
