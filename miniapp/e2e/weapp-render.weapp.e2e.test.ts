/**
 * @jest-environment jsdom
 */
/**
 * The real weapp output (dist/weapp) rendered by WeChat's own WXML compiler and exparser
 * (miniprogram-simulate), with only WeChat's `wx` stubbed: what a resident would see in WeChat.
 */
import { boundAttributes, startSimulatedApp, type SimulatedApp } from './weapp/simulate-app';

let app: SimulatedApp;

beforeAll(() => {
  app = startSimulatedApp();
});

beforeEach(() => {
  app.calls.length = 0;
});

const callsTo = (api: string) => app.calls.filter((call) => call.api === api).map((call) => call.options);

describe('首页 (pages/index/index) as compiled for WeChat', () => {
  it('when it renders, then it shows the intro, 诉求 and 志愿服务 open and every other capability marked 即将开放', async () => {
    const home = await app.renderPage('pages/index/index');

    expect(home.text()).toContain('市民呼叫、街社响应');
    for (const name of ['诉求（市民呼叫）', '民意征集', '社区互助', '志愿服务', '活动报名', '企业服务', '数据研判']) {
      expect(home.find(name).textContent).toBe(name);
    }
    expect(home.text().match(/即将开放/g)).toHaveLength(5);
    expect(home.find('诉求（市民呼叫）').parentElement!.textContent).toContain('可使用');
    expect(home.find('志愿服务').parentElement!.textContent).toContain('可使用');
  });

  it('when a resident taps 我要反映 under 诉求, then it opens the new complaint page in the complaints subpackage', async () => {
    const home = await app.renderPage('pages/index/index');

    await home.tap('我要反映 ›');

    expect(callsTo('navigateTo')).toEqual([expect.objectContaining({ url: '/packages/complaints/new/index' })]);
  });

  it('when a resident taps a capability that is not open yet, then WeChat shows that it is coming', async () => {
    const home = await app.renderPage('pages/index/index');

    await home.tap('民意征集');

    expect(callsTo('showToast')).toEqual([expect.objectContaining({ title: '民意征集即将开放' })]);
    expect(callsTo('navigateTo')).toEqual([]);
  });

  it('when it renders, then each entry carries its accessible label and role for WeChat screen readers', async () => {
    const home = await app.renderPage('pages/index/index');
    const entry = home.find('民意征集').closest('.main--gz-home-entry');
    expect(entry).not.toBeNull();

    expect(boundAttributes(entry!)).toMatchObject({ ariaRole: 'button', ariaLabel: '民意征集，即将开放' });
  });
});

describe('我的 (pages/mine/index) as compiled for WeChat', () => {
  it('when nobody is logged in and 登录 is tapped, then it navigates into the account subpackage login page', async () => {
    const mine = await app.renderPage('pages/mine/index');
    expect(mine.text()).toContain('未登录');

    await mine.tap('登录');

    expect(callsTo('navigateTo')).toEqual([expect.objectContaining({ url: '/packages/account/login/index' })]);
  });

  it('when 隐私政策 is tapped, then it opens the privacy page in the account subpackage', async () => {
    const mine = await app.renderPage('pages/mine/index');

    await mine.tap('隐私政策');

    expect(callsTo('navigateTo')).toEqual([expect.objectContaining({ url: '/packages/account/privacy/index' })]);
  });

  it('when 大字模式 is switched on, then the page says so and a newly opened page remembers it', async () => {
    const mine = await app.renderPage('pages/mine/index');
    expect(mine.find('大字模式').parentElement!.textContent).toContain('已关闭');

    await mine.tap('大字模式');

    expect(mine.find('大字模式').parentElement!.textContent).toContain('已开启');
    expect([...app.storage.values()]).not.toHaveLength(0);
    const reopened = await app.renderPage('pages/mine/index');
    expect(reopened.find('大字模式').parentElement!.textContent).toContain('已开启');
    await reopened.tap('大字模式'); // leave it off for the other tests
  });
});

describe('the account subpackage as compiled for WeChat', () => {
  it('when the login page opens, then it offers 微信一键登录', async () => {
    const login = await app.renderPage('packages/account/login/index');

    expect(login.text()).toContain('微信登录');
    expect(login.find('微信一键登录').textContent).toContain('微信一键登录');
  });

  it('when the BFF cannot be reached, then the privacy page shows the Chinese message and 重试, not a spinner', async () => {
    const privacy = await app.renderPage('packages/account/privacy/index');

    expect(callsTo('request')).toEqual([expect.objectContaining({ url: expect.stringMatching(/\/api\/v1\//) })]);
    expect(privacy.text()).toContain('系统繁忙，请稍后再试');
    expect(privacy.find('重试').textContent).toContain('重试');
    expect(privacy.text()).not.toContain('正在加载');
  });
});

describe('every page rendered above', () => {
  it('when they rendered, then WeChat found a template for every node (nothing silently missing)', () => {
    expect([...app.wxmlWarnings]).toEqual([]);
  });
});
