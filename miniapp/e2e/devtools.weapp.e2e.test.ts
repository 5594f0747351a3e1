/**
 * The resident's first visit, in WeChat DevTools on the weapp build: open the app, go to 我的,
 * log in with WeChat, register the real name, and see the ID number masked.
 *
 * WeChat DevTools exists for Windows and macOS only, so this runs where WECHAT_DEVTOOLS_CLI
 * names its CLI (e.g. "/Applications/wechatwebdevtools.app/Contents/MacOS/cli"), with DevTools'
 * service port switched on. The weapp build must call the BFF this starts: build it with the same
 * GONGZHI_API_BASE (default http://127.0.0.1:3000). WeChat's own servers are replaced by the local
 * simulator: wx.login is mocked to return a simulator code, and the phone-number button's event
 * carries a simulator phone code.
 */
import path from 'node:path';
import { idCheckChar, maskIdNumber } from '@gongzhi/shared';
import { elementWithText, eventually, pageAt, pageText, type MiniProgram } from './weapp/devtools';

const cliPath = process.env.WECHAT_DEVTOOLS_CLI;
const SKIP_REASON = 'skipped: needs WeChat DevTools (set WECHAT_DEVTOOLS_CLI)';
if (!cliPath) console.log(`devtools.weapp.e2e.test.ts ${SKIP_REASON}`);
const maybe = cliPath ? describe : describe.skip;

const MINIAPP_DIR = path.resolve(__dirname, '..');
const API_BASE = new URL(process.env.GONGZHI_API_BASE || 'http://127.0.0.1:3000');

jest.setTimeout(180_000);

maybe('a resident in WeChat DevTools', () => {
  let stack: { close(): Promise<void> } | undefined;
  let miniProgram: MiniProgram | undefined;
  const nonce = Date.now().toString(36);
  const first17 = '11010119900307' + String(100 + (Date.now() % 900));
  const idNumber = first17 + idCheckChar(first17);

  beforeAll(async () => {
    // loaded only here, so machines without DevTools never start the BFF for a skipped suite
    const { startStack } = await import('../../bff/dev/stack');
    stack = await startStack({ ephemeral: true, h5Dir: null, bffPort: Number(API_BASE.port || 80) });
    const automator = (await import('miniprogram-automator')).default;
    miniProgram = await automator.launch({ cliPath, projectPath: MINIAPP_DIR, trustProject: true });
    await miniProgram.mockWxMethod('login', { code: `dev:devtools-${nonce}`, errMsg: 'login:ok' });
  });

  afterAll(async () => {
    await miniProgram?.close();
    await stack?.close();
  });

  it('when they log in and register their real name, then 我的 shows the ID number masked', async () => {
    const mp = miniProgram!;
    const home = await mp.reLaunch('/pages/index/index');
    expect(await pageText(home!)).toContain('市民呼叫');

    const mine = await mp.switchTab('/pages/mine/index');
    await (await elementWithText(mine!, 'view', '登录')).tap();

    const login = await pageAt(mp, 'packages/account/login/index');
    await (await elementWithText(login, 'view', '微信一键登录')).tap();

    const realName = await pageAt(mp, 'packages/account/real-name/index');
    const inputs = await eventually('the name and ID inputs', async () => {
      const found = await realName.$$('input');
      return found.length >= 2 ? found : undefined;
    });
    await inputs[0].input('张三');
    await inputs[1].input(idNumber);
    const phoneButton = await eventually('the phone-number button', () => realName.$('.gz-phone-button'));
    await phoneButton!.trigger('getphonenumber', {
      code: `phone:13800138000:${nonce}:${Date.now()}`,
      errMsg: 'getPhoneNumber:ok',
    });
    const community = await eventually('a community to choose', async () => {
      const choices = await realName.$$('.gz-choice');
      for (const choice of choices) if (!(await choice.text()).includes('隐私政策')) return choice;
      return undefined;
    });
    await community.tap();
    await (await elementWithText(realName, '.gz-choice', '我已阅读并同意隐私政策', true)).tap();
    await (await elementWithText(realName, 'view', '提交实名登记')).tap();

    const profile = await pageAt(mp, 'pages/mine/index');
    const shown = await eventually('the masked ID number on 我的', async () => {
      const text = await pageText(profile);
      return text.includes(maskIdNumber(idNumber)) ? text : undefined;
    });
    expect(shown).toContain('已实名');
    expect(shown).not.toContain(idNumber);
  });
});
