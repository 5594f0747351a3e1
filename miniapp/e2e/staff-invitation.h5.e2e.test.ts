/**
 * An administrator issues a one-time staff invitation; the new staff member redeems it in the H5
 * build and finds the workbench on 我的. A second person cannot reuse the code.
 */
import type { Page } from 'playwright-core';
import { openH5World, type H5World } from './h5/world';

let h5: H5World;

beforeAll(async () => {
  h5 = await openH5World();
}, 120_000);

afterAll(() => h5?.close());

async function api<T>(path: string, init: { token?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${h5.stack.bffUrl}/api/v1${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function redeem(page: Page, code: string): Promise<void> {
  await h5.visit(page, '/packages/account/staff-invitation/index');
  await page.getByRole('textbox', { name: '邀请码' }).fill(code);
  await page.getByRole('button', { name: '绑定工作身份' }).click();
}

it('when a new staff member redeems an admin invitation, then 我的 shows the workbench; the code does not work twice', async () => {
  const admin = await api<{ accessToken: string }>('/auth/wechat-login', { body: { code: `dev:admin:${Date.now()}` } });
  const invitation = await api<{ code: string }>('/admin/invitations', { token: admin.accessToken, body: { role: 'dispatcher' } });

  const staff = await h5.person();
  await h5.logIn(staff, `new-dispatcher-${Date.now().toString(36)}`);
  await redeem(staff, invitation.code);
  await staff.getByRole('link', { name: '工作台' }).waitFor({ timeout: 15_000 });

  const other = await h5.person();
  await h5.logIn(other, `latecomer-${Date.now().toString(36)}`);
  await redeem(other, invitation.code);
  await other.getByRole('alert').filter({ hasText: '邀请码无效、已使用或已过期' }).waitFor();
});
