import type { Browser, BrowserContext, Page } from 'playwright-core';
import { idCheckChar } from '@gongzhi/shared';
import type { Stack } from '../../../bff/dev/stack';
import { launchChromium } from './browser';
import { startH5Stack } from './stack';

/** The real stack serving the H5 build, a Chromium, and the steps every person in a browser test takes. */
export interface H5World {
  stack: Stack;
  browser: Browser;
  /** a person with their own browser context: their own storage, so their own session */
  person(viewport?: { width: number; height: number }): Promise<Page>;
  /** a full load of the route (a fresh query string), so no page left hidden in the H5 page stack answers */
  visit(page: Page, route: string): Promise<void>;
  /** the H5 stand-in for WeChat login; ends on the real-name form (new people) or the profile */
  logIn(page: Page, loginName: string): Promise<void>;
  registerRealName(page: Page, who: { name: string; first17: string; phone: string }): Promise<void>;
  close(): Promise<void>;
}

export const PHONE_VIEWPORT = { width: 390, height: 844 };
export const DESKTOP_VIEWPORT = { width: 1280, height: 900 };

export async function openH5World(): Promise<H5World> {
  const stack = await startH5Stack();
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  let visits = 0;

  const visit = async (page: Page, route: string) => {
    await page.goto(`${stack.h5Url}/?visit=${++visits}#${route}`);
  };

  return {
    stack,
    browser,
    visit,
    async person(viewport = PHONE_VIEWPORT) {
      const context = await browser.newContext({ viewport });
      contexts.push(context);
      return context.newPage();
    },
    async logIn(page, loginName) {
      await visit(page, '/pages/mine/index');
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.getByRole('textbox', { name: '登录名' }).fill(loginName);
      await page.getByRole('button', { name: '模拟微信登录' }).click();
      // staff without a real name land on the real-name form, like new residents
      await page.getByRole('textbox', { name: '姓名' }).or(page.getByText('个人信息', { exact: true })).first().waitFor({ timeout: 15_000 });
    },
    async registerRealName(page, who) {
      await page.getByRole('textbox', { name: '姓名' }).fill(who.name);
      await page.getByRole('textbox', { name: '身份证号码' }).fill(who.first17 + idCheckChar(who.first17));
      await page.getByRole('textbox', { name: '手机号码（模拟微信授权）' }).fill(who.phone);
      await page.getByRole('radio', { name: '莲花社区' }).click();
      await page.getByRole('checkbox', { name: '我已阅读并同意隐私政策' }).click();
      await page.getByRole('button', { name: '提交实名登记' }).click();
      await page.getByText('已实名').waitFor({ timeout: 15_000 });
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await stack.close();
    },
  };
}
