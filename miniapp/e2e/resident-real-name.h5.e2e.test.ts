/**
 * A resident in a real browser, against the real BFF, database and WeChat simulator:
 * log in, register with the real name, see the profile with the ID number masked.
 */
import type { Page } from 'playwright-core';
import { CURRENT_CONSENT_VERSION, idCheckChar } from '@gongzhi/shared';
import { devOpenidFor } from '../../bff/dev/wechat-simulator';
import { connectDatabase } from '../../bff/src/platform/database';
import { openH5World, type H5World } from './h5/world';

let h5: H5World;

beforeAll(async () => {
  h5 = await openH5World();
}, 120_000);

afterAll(() => h5?.close());

async function fillRealNameForm(page: Page, fields: { name: string; idNumber: string; phone: string }): Promise<void> {
  await page.getByRole('textbox', { name: '姓名' }).fill(fields.name);
  await page.getByRole('textbox', { name: '身份证号码' }).fill(fields.idNumber);
  await page.getByRole('textbox', { name: '手机号码（模拟微信授权）' }).fill(fields.phone);
  await page.getByRole('radio', { name: '荷花社区' }).click();
  await page.getByRole('checkbox', { name: '我已阅读并同意隐私政策' }).click();
  await page.getByRole('button', { name: '提交实名登记' }).click();
}

function uniqueName(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}`;
}

describe('real-name registration in the H5 build', () => {
  it('when a resident logs in and registers, then the profile shows the ID number and phone masked', async () => {
    const page = await h5.person();
    const idNumber = '44030419900307' + '215';
    const fullId = idNumber + idCheckChar(idNumber);
    await h5.logIn(page, uniqueName('e2e-resident-'));
    await fillRealNameForm(page, { name: '王小明', idNumber: fullId, phone: '13800138000' });

    const masked = `4403**********${fullId.slice(-4)}`;
    await page.getByText(masked).waitFor({ timeout: 15_000 });
    await page.getByText('138****8000').waitFor();
    const html = await page.content();
    expect(html).not.toContain(fullId);
    expect(html).not.toContain('13800138000');
  });

  it('when a signed-out resident starts 我要反映, then after logging in and registering they are back on 我要反映, not on 我的', async () => {
    const page = await h5.person();
    await h5.visit(page, '/packages/complaints/new/index');
    await page.getByRole('button', { name: '去登录' }).click();
    await page.getByRole('textbox', { name: '登录名' }).fill(uniqueName('e2e-return-'));
    await page.getByRole('button', { name: '模拟微信登录' }).click();
    const first17 = '44030419920101318';
    await fillRealNameForm(page, { name: '陈晓', idNumber: first17 + idCheckChar(first17), phone: '13600136000' });
    await page.getByRole('button', { name: '提交诉求' }).waitFor({ timeout: 15_000 });
    expect(page.url()).toContain('packages/complaints/new/index');
  });

  it('when the ID number has a wrong check character, then the error shows beside the field and nothing is sent', async () => {
    const page = await h5.person();
    const sent: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/api/v1/me/real-name')) sent.push(req.url());
    });
    await h5.logIn(page, uniqueName('e2e-typo-'));
    const first17 = '44030419900307215';
    const wrong = first17 + (idCheckChar(first17) === '1' ? '2' : '1');
    await fillRealNameForm(page, { name: '李四', idNumber: wrong, phone: '13900139000' });

    await page.getByRole('alert').filter({ hasText: '身份证号码格式或校验位不正确' }).waitFor();
    expect(sent).toEqual([]);
  });

  it('when the privacy notice changed since the resident consented, then 我的 asks again and agreeing records the new version', async () => {
    const page = await h5.person();
    const login = uniqueName('e2e-consent-');
    await h5.logIn(page, login);
    await h5.registerRealName(page, { name: '赵敏', first17: '44030419850612316', phone: '13700137000' });
    // as if registered under the notice before complaints were said to become public
    const conn = await connectDatabase(h5.stack.mongoUri);
    const openid = devOpenidFor(h5.stack.appId, login);
    try {
      const users = conn.db!.collection('users');
      const updated = await users.updateOne({ openid }, { $set: { 'consent.version': '2026-11-01' } });
      expect(updated.modifiedCount).toBe(1);
      await h5.visit(page, '/pages/mine/index');
      const notice = page.getByRole('region', { name: '隐私政策已更新' });
      await notice.waitFor({ timeout: 15_000 });
      await notice.getByRole('button', { name: '同意新版隐私政策' }).click();
      await notice.waitFor({ state: 'detached', timeout: 15_000 });
      const user = await users.findOne({ openid });
      expect(user?.consent?.version).toBe(CURRENT_CONSENT_VERSION);
    } finally {
      await conn.close();
    }
  });
});
