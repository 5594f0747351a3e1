/**
 * @jest-environment jsdom
 */
/**
 * The resident's first visit on the real weapp build, without WeChat DevTools: the compiled pages
 * run under miniprogram-simulate, and their wx.request calls reach a real BFF on a real database
 * with the WeChat simulator behind it. Only the WeChat client is stood in for (wx.login hands out
 * a simulator code, the phone-number button fires with a simulator phone code).
 */
import { idCheckChar, maskIdNumber } from '@gongzhi/shared';
import { forwardTo } from './weapp/forward-request';
import { startLocalStack, type LocalStack } from './weapp/local-stack';
import { startSimulatedApp, type SimulatedApp } from './weapp/simulate-app';

jest.setTimeout(120_000);

let stack: LocalStack;
let app: SimulatedApp;
const nonce = Date.now().toString(36);

beforeAll(async () => {
  stack = await startLocalStack();
  app = startSimulatedApp();
  app.onRequest = forwardTo(stack.bffUrl);
  let logins = 0;
  app.loginCode = () => `dev:weapp-resident-${nonce}:${++logins}`;
});

afterAll(async () => {
  if (app?.wxmlWarnings.size) {
    // reported, not failed: NutUI's button spinner is an <i>, which weapp has no template for
    console.log(`WXML warnings during the flow: ${[...app.wxmlWarnings].join(' | ')}`);
  }
  await stack?.close();
});

/** The url of the last navigation of this kind, which the test then opens as WeChat would. */
async function lastNavigation(api: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch'): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const call = app.calls.filter((c) => c.api === api).pop();
    if (call) return String(call.options?.url);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${api} happened; calls: ${app.calls.map((c) => c.api).join(', ')}`);
}

const routeOf = (url: string) => url.replace(/^\//, '').split('?')[0]!;

it('when a resident logs in with WeChat and registers their real name, then 我的 shows the ID number masked', async () => {
  const first17 = '11010119900307' + String(100 + (Date.now() % 900));
  const idNumber = first17 + idCheckChar(first17);

  const mine = await app.renderPage('pages/mine/index');
  await mine.tap('登录');
  const loginUrl = await lastNavigation('navigateTo');
  expect(loginUrl).toBe('/packages/account/login/index');

  const login = await app.renderPage(routeOf(loginUrl));
  await login.tap('微信一键登录');
  const realNameUrl = await lastNavigation('redirectTo');
  expect(realNameUrl).toBe('/packages/account/real-name/index');

  const realName = await app.renderPage(routeOf(realNameUrl));
  await realName.waitForText('莲花社区'); // communities come from the BFF's seeded district
  const inputs = realName.all('input');
  const byName = (name: string) => {
    const input = inputs.find((el) => realName.bound(el).name === name);
    if (!input) throw new Error(`no input named ${name}; bound: ${JSON.stringify(inputs.map(realName.bound))}`);
    return input;
  };
  await realName.emit(byName('name'), 'input', { value: '张三', cursor: 2 });
  await realName.emit(byName('idNumber'), 'input', { value: idNumber, cursor: 18 });
  const phoneButton = realName.find('获取微信手机号').closest('wx-button');
  expect(phoneButton).not.toBeNull();
  await realName.emit(phoneButton!, 'getphonenumber', {
    code: `phone:13800138000:${nonce}:${Date.now()}`,
    errMsg: 'getPhoneNumber:ok',
  });
  await realName.waitForText('已授权微信手机号');
  await realName.tap('莲花社区');
  await realName.tap('我已阅读并同意隐私政策');
  await realName.tap('提交实名登记');

  // nowhere to return to (登录 from 我的): back to the tab, which closes the non-tab pages above it
  expect(await lastNavigation('switchTab')).toBe('/pages/mine/index');

  const profile = await app.renderPage('pages/mine/index');
  // the confirmation outlives the page that said it (components/toast.tsx)
  await profile.waitForText('实名登记成功');
  await profile.waitForText(maskIdNumber(idNumber));
  expect(profile.text()).toContain('已实名');
  expect(profile.text()).not.toContain(idNumber);
});
