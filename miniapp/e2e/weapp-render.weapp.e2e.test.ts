/**
 * @jest-environment jsdom
 */
/**
 * The real weapp output (dist/weapp) rendered by WeChat's own WXML compiler and exparser
 * (miniprogram-simulate), with only WeChat's `wx` stubbed: what a resident would see in WeChat.
 * Pages that need data (the complaint list, the workbench, a task) ask a real local BFF through
 * wx.request; the rest get the stub's 503.
 */
import { randomBytes } from 'node:crypto';
import { CURRENT_CONSENT_VERSION, idCheckChar } from '@gongzhi/shared';
import { forwardTo } from './weapp/forward-request';
import { startLocalStack, type LocalStack } from './weapp/local-stack';
import { boundAttributes, startSimulatedApp, type RenderedPage, type SimulatedApp } from './weapp/simulate-app';

let app: SimulatedApp;

beforeAll(() => {
  app = startSimulatedApp();
});

beforeEach(() => {
  app.calls.length = 0;
});

const callsTo = (api: string) => app.calls.filter((call) => call.api === api).map((call) => call.options);

describe('首页 (pages/index/index) as compiled for WeChat', () => {
  it('when it renders, then it shows the intro, 诉求, 志愿服务, 民意征集, 社区互助, 活动报名 and 企业服务 open and 数据研判 marked 即将开放', async () => {
    const home = await app.renderPage('pages/index/index');

    expect(home.text()).toContain('市民呼叫、街社响应');
    for (const name of ['诉求（市民呼叫）', '民意征集', '社区互助', '志愿服务', '活动报名', '企业服务', '数据研判']) {
      expect(home.find(name).textContent).toBe(name);
    }
    expect(home.text().match(/即将开放/g)).toHaveLength(1);
    expect(home.find('诉求（市民呼叫）').parentElement!.textContent).toContain('可使用');
    expect(home.find('志愿服务').parentElement!.textContent).toContain('可使用');
    expect(home.find('民意征集').parentElement!.textContent).toContain('可使用');
    expect(home.find('社区互助').parentElement!.textContent).toContain('可使用');
    expect(home.find('活动报名').parentElement!.textContent).toContain('可使用');
    expect(home.find('企业服务').parentElement!.textContent).toContain('可使用');
  });

  it('when a resident taps 参与征集 under 民意征集, then it opens the polls list in its subpackage', async () => {
    const home = await app.renderPage('pages/index/index');

    await home.tap('参与征集 ›');

    expect(callsTo('navigateTo')).toEqual([expect.objectContaining({ url: '/packages/polls/index/index' })]);
  });

  it('when a resident taps 我要反映 under 诉求, then it opens the new complaint page in the complaints subpackage', async () => {
    const home = await app.renderPage('pages/index/index');

    await home.tap('我要反映 ›');

    expect(callsTo('navigateTo')).toEqual([expect.objectContaining({ url: '/packages/complaints/new/index' })]);
  });

  it('when a resident taps a capability that is not open yet, then nothing pretends to open: it is words, not a link', async () => {
    const home = await app.renderPage('pages/index/index');

    await home.tap('数据研判');

    expect(callsTo('showToast')).toEqual([]);
    expect(callsTo('navigateTo')).toEqual([]);
  });

  it('when it renders, then each entry carries its accessible label and role for WeChat screen readers', async () => {
    const home = await app.renderPage('pages/index/index');
    const entry = home.find('数据研判').closest('.main--gz-home-entry');
    expect(entry).not.toBeNull();

    expect(boundAttributes(entry!)).toMatchObject({ ariaRole: 'group', ariaLabel: '数据研判，即将开放' });
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

describe('the complaint pages as compiled for WeChat, against a real BFF', () => {
  let stack: LocalStack;
  let number = '';
  let complaintId = '';
  const nonce = randomBytes(4).toString('hex');
  const residentLogin = `weapp-render-resident-${nonce}`;

  /** The BFF over HTTP, to arrange what the pages then show (the pages themselves go through wx.request). */
  async function call(method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    const reply = await forwardTo(stack.bffUrl)({
      url: `http://bff${path}`,
      method,
      data: opts.body,
      header: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
    });
    if (reply.statusCode >= 300) throw new Error(`${method} ${path}: ${reply.statusCode} ${JSON.stringify(reply.data)}`);
    return reply.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  }
  const login = async (name: string) =>
    (await call('POST', '/api/v1/auth/wechat-login', { body: { code: `dev:${name}:${randomBytes(6).toString('hex')}` } })).accessToken as string;

  /**
   * `name` comes back to the mini-program with the session an earlier login kept in WeChat storage
   * (the keys src/api/session.ts uses). Logging in through the page is weapp-flow's part: its button
   * spinner has no weapp template, which the last test here would report against these pages.
   */
  async function logInAs(name: string) {
    const tokens = await call('POST', '/api/v1/auth/wechat-login', { body: { code: `dev:${name}:${randomBytes(6).toString('hex')}` } });
    app.storage.clear();
    app.storage.set('gz.accessToken', tokens.accessToken);
    app.storage.set('gz.refreshToken', tokens.refreshToken);
  }

  const byLabel = (page: RenderedPage, label: string | RegExp) => {
    const found = Array.from(page.root.querySelectorAll('*')).filter((el) => {
      const bound = boundAttributes(el).ariaLabel;
      return typeof bound === 'string' && (typeof label === 'string' ? bound === label : label.test(bound));
    });
    if (found.length === 0) throw new Error(`nothing labelled ${String(label)}; labels: ${JSON.stringify(labelsOn(page))}`);
    return found[0]!;
  };
  const labelsOn = (page: RenderedPage) =>
    Array.from(page.root.querySelectorAll('*'))
      .map((el) => boundAttributes(el).ariaLabel)
      .filter((l) => typeof l === 'string' && l !== '');

  beforeAll(async () => {
    stack = await startLocalStack();
    app.onRequest = forwardTo(stack.bffUrl);
    // a resident files a complaint; the dispatch centre accepts it, sends it to 城管执法中队 and supervises it
    const resident = await login(residentLogin);
    const communities = (await call('GET', '/api/v1/communities?limit=100')).items as Array<{ id: string; name: string }>;
    const communityId = communities.find((c) => c.name === '莲花社区')!.id;
    const first17 = `440304199${String(randomBytes(2).readUInt16BE() % 10)}0612${String(100 + (randomBytes(2).readUInt16BE() % 900))}`;
    await call('POST', '/api/v1/me/real-name', {
      token: resident,
      body: {
        name: '周敏',
        idNumber: first17 + idCheckChar(first17),
        phoneCode: `phone:139${String(randomBytes(4).readUInt32BE() % 100_000_000).padStart(8, '0')}:${nonce}`,
        communityId,
        consentVersion: CURRENT_CONSENT_VERSION,
      },
    });
    const categories = await call('GET', '/api/v1/categories', { token: resident });
    const list = (Array.isArray(categories) ? categories : categories.items) as Array<{ id: string; name: string }>;
    const filed = await call('POST', '/api/v1/complaints', {
      token: resident,
      headers: { 'idempotency-key': `weapp-render-${nonce}` },
      body: {
        categoryId: list.find((c) => c.name === '占道经营')!.id,
        communityId,
        description: '彩田路口傍晚有流动摊贩占用盲道',
        location: { point: { lat: 22.5531, lng: 114.0546 }, address: '莲花街道莲花社区彩田路口' },
      },
    });
    complaintId = filed.id as string;
    number = filed.number as string;
    const dispatcher = await login('dispatcher');
    const units = (await call('GET', '/api/v1/units?limit=100')).items as Array<{ id: string; name: string }>;
    await call('POST', `/api/v1/staff/complaints/${complaintId}/accept`, { token: dispatcher, body: {} });
    await call('POST', `/api/v1/staff/complaints/${complaintId}/dispatch`, {
      token: dispatcher,
      body: { unitId: units.find((u) => u.name === '城管执法中队')!.id },
    });
    await call('POST', `/api/v1/staff/complaints/${complaintId}/supervise`, { token: dispatcher, body: { note: '盲道安全，请尽快处理' } });
  }, 120_000);

  afterAll(async () => {
    app.storage.clear();
    await stack?.close();
  });

  it('when the resident opens 我的诉求, then the complaint shows with its state in words and one link label naming it', async () => {
    await logInAs(residentLogin);
    const mine = await app.renderPage('packages/complaints/mine/index');
    await mine.waitForText(number);

    expect(mine.text()).toContain('我要反映');
    expect(mine.text()).toContain('占道经营');
    expect(mine.text()).toContain('已派单');
    expect(mine.text()).toContain('承办：城管执法中队');
    const card = byLabel(mine, new RegExp(`编号${number}$`));
    expect(boundAttributes(card)).toMatchObject({ ariaRole: 'link', ariaLabel: expect.stringMatching(/^占道经营，已派单/) });
    expect(boundAttributes(byLabel(mine, '状态：已派单')).ariaLabel).toBe('状态：已派单');
    expect(boundAttributes(byLabel(mine, '我的诉求列表')).ariaRole).toBe('list');
  });

  it('when the unit opens the workbench, then 我的任务 lists the task under 待签收 with 督办中 in words and in its label', async () => {
    await logInAs('unit-chengguan');
    const workbench = await app.renderPage('packages/workbench/index/index');
    await workbench.waitForText(number);

    expect(workbench.text()).toContain('我的任务');
    for (const filter of ['待签收', '办理中', '超时', '重办', '已办结', '协办']) expect(workbench.find(filter).textContent).toBe(filter);
    expect(boundAttributes(byLabel(workbench, '任务筛选')).ariaRole).toBe('radiogroup');
    expect(boundAttributes(byLabel(workbench, '待签收'))).toMatchObject({ ariaRole: 'radio', ariaChecked: 'true' });
    expect(boundAttributes(byLabel(workbench, '协办'))).toMatchObject({ ariaRole: 'radio', ariaChecked: 'false' });
    expect(workbench.text()).toContain('督办中');
    expect(boundAttributes(byLabel(workbench, new RegExp(`编号${number}$`)))).toMatchObject({
      ariaRole: 'link',
      ariaLabel: `占道经营，已派单，督办中，编号${number}`,
    });

    await workbench.tap('占道经营');
    expect(app.calls.filter((c) => c.api === 'navigateTo').map((c) => c.options?.url)).toContain(
      `/packages/workbench/complaint/index?id=${complaintId}`,
    );
  });

  it('when the unit opens the task, then the complaint, the supervision note and the 签收/退单 actions show with their labels', async () => {
    await logInAs('unit-chengguan');
    const task = await app.renderPage('packages/workbench/complaint/index', { id: complaintId });
    await task.waitForText('办理操作');

    expect(task.text()).toContain(`编号 ${number}`);
    expect(task.text()).toContain('彩田路口傍晚有流动摊贩占用盲道');
    expect(task.text()).toContain('盲道安全，请尽快处理');
    expect(boundAttributes(byLabel(task, '诉求内容')).ariaRole).toBe('region');
    expect(boundAttributes(byLabel(task, '状态：已派单')).ariaLabel).toBe('状态：已派单');
    expect(boundAttributes(byLabel(task, '督办中')).ariaLabel).toBe('督办中');
    expect(boundAttributes(byLabel(task, '承办单位：城管执法中队')).ariaLabel).toBe('承办单位：城管执法中队');
    expect(boundAttributes(byLabel(task, '办理进度')).ariaRole).toBe('list');
    expect(boundAttributes(byLabel(task, '办理操作')).ariaRole).toBe('region');
    for (const action of ['签收', '退单']) expect(boundAttributes(byLabel(task, action))).toMatchObject({ ariaRole: 'button' });
    expect(labelsOn(task)).not.toContain('受理');
  });
});

describe('every page rendered above', () => {
  it('when they rendered, then WeChat found a template for every node (nothing silently missing)', () => {
    expect([...app.wxmlWarnings]).toEqual([]);
  });
});
