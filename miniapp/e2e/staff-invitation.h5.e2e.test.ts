/**
 * An administrator issues a one-time staff invitation; the new staff member redeems it in the H5
 * build and finds the workbench on 我的. A second person cannot reuse the code.
 */
import type { Browser, Page } from 'playwright-core';
import type { Stack } from '../../bff/dev/stack';
import { launchChromium } from './h5/browser';
import { startH5Stack } from './h5/stack';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startH5Stack();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function api<T>(path: string, init: { token?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${stack.bffUrl}/api/v1${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function logIn(page: Page, loginName: string): Promise<void> {
  await page.goto(`${stack.h5Url}/?visit=${loginName}#/pages/mine/index`);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('textbox', { name: '登录名' }).fill(loginName);
  await page.getByRole('button', { name: '模拟微信登录' }).click();
  await page.getByRole('textbox', { name: '姓名' }).waitFor({ timeout: 15_000 });
}

async function redeem(page: Page, code: string): Promise<void> {
  await page.goto(`${stack.h5Url}/?visit=redeem-${Date.now()}#/packages/account/staff-invitation/index`);
  await page.getByRole('textbox', { name: '邀请码' }).fill(code);
  await page.getByRole('button', { name: '绑定工作身份' }).click();
}

it('when a new staff member redeems an admin invitation, then 我的 shows the workbench; the code does not work twice', async () => {
  const admin = await api<{ accessToken: string }>('/auth/wechat-login', { body: { code: `dev:admin:${Date.now()}` } });
  const invitation = await api<{ code: string }>('/admin/invitations', { token: admin.accessToken, body: { role: 'dispatcher' } });

  const staff = await (await browser.newContext()).newPage();
  await logIn(staff, `new-dispatcher-${Date.now().toString(36)}`);
  await redeem(staff, invitation.code);
  await staff.getByRole('link', { name: '工作台' }).waitFor({ timeout: 15_000 });

  const other = await (await browser.newContext()).newPage();
  await logIn(other, `latecomer-${Date.now().toString(36)}`);
  await redeem(other, invitation.code);
  await other.getByRole('alert').filter({ hasText: '邀请码无效、已使用或已过期' }).waitFor();
});
