import type { Browser, BrowserContext, Page } from 'playwright-core';
import { idCheckChar } from '@gongzhi/shared';
import type { Stack } from '../../../bff/dev/stack';
import { auditPage, describeViolations } from './axe';
import { MIN_TARGET_PX, smallButtonText, smallTargets } from './targets';
import { launchChromium } from './browser';
import { startH5Stack } from './stack';

/** The real stack serving the H5 build, a Chromium, and the steps every person in a browser test takes. */
export interface H5World {
  stack: Stack;
  browser: Browser;
  /** a person with their own browser context: their own storage, so their own session */
  person(viewport?: { width: number; height: number }): Promise<Page>;
  /**
   * a full load of the route (a fresh query string), so no page left hidden in the H5 page stack answers.
   * The page being left and the page reached (once it has settled, at phone and desktop sizes) are both
   * checked with axe: a WCAG 2.0/2.1 A or AA violation fails the step.
   */
  visit(page: Page, route: string): Promise<void>;
  /** axe over the page as it is now (at its own size); throws listing every violation's rule and nodes */
  audit(page: Page, where?: string): Promise<void>;
  /** the H5 stand-in for WeChat login; ends on the real-name form (new people) or the profile */
  logIn(page: Page, loginName: string): Promise<void>;
  registerRealName(page: Page, who: { name: string; first17: string; phone: string }): Promise<void>;
  close(): Promise<void>;
}

export const PHONE_VIEWPORT = { width: 390, height: 844 };
export const DESKTOP_VIEWPORT = { width: 1280, height: 900 };

/** The route the page shows, for failure messages: its hash without the query. */
function routeOf(page: Page): string {
  return new URL(page.url()).hash.replace(/^#/, '').split('?')[0] || '/';
}

/** Waits until the page has its data: the network quiet and no 正在加载… left on the visible page. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
  await page
    .getByText('正在加载…')
    .filter({ visible: true })
    .first()
    .waitFor({ state: 'hidden', timeout: 10_000 })
    .catch(() => {});
}

/** How many page states axe has looked at in this test file (reported when the world closes). */
let audits = 0;

/** axe over the page; throws with every violation's rule and nodes. */
async function audit(page: Page, where = routeOf(page)): Promise<void> {
  audits++;
  const size = page.viewportSize();
  const label = `${where} @${size ? `${size.width}×${size.height}` : '?'}`;
  let violations;
  try {
    violations = await auditPage(page);
  } catch {
    // the page was navigating under axe: look again once it has settled
    await settle(page);
    violations = await auditPage(page);
  }
  if (violations.length) throw new Error(`axe (WCAG 2.0/2.1 A+AA) found violations:\n${describeViolations(label, violations)}`);
  const smallWords = await smallButtonText(page);
  if (smallWords.length) throw new Error(`buttons with words smaller than the text at ${label}:\n  ${smallWords.join('\n  ')}`);
  // at phone size, every control is at least 44 px tall (computed layout, not a screenshot)
  if (size && size.width < DESKTOP_VIEWPORT.width) {
    const small = await smallTargets(page);
    if (small.length) throw new Error(`controls under ${MIN_TARGET_PX} px at ${label}:\n  ${small.join('\n  ')}`);
  }
}

/** The other size too: phones and desktops lay pages out differently (staff use both). */
async function auditAtBothSizes(page: Page, where: string): Promise<void> {
  await audit(page, where);
  const own = page.viewportSize() ?? PHONE_VIEWPORT;
  const other = own.width >= DESKTOP_VIEWPORT.width ? PHONE_VIEWPORT : DESKTOP_VIEWPORT;
  await page.setViewportSize(other);
  try {
    await audit(page, where);
  } finally {
    await page.setViewportSize(own);
  }
}

export async function openH5World(): Promise<H5World> {
  const stack = await startH5Stack();
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  let visits = 0;
  const h5Url = stack.h5Url ?? '';
  const showsOurApp = (page: Page) => h5Url !== '' && page.url().startsWith(h5Url);

  const visit = async (page: Page, route: string) => {
    // the state the previous steps left this page in, before it goes
    if (showsOurApp(page)) await audit(page, `${routeOf(page)} (as left)`);
    await page.goto(`${stack.h5Url}/?visit=${++visits}#${route}`);
    await settle(page);
    await auditAtBothSizes(page, route);
  };

  return {
    stack,
    browser,
    visit,
    audit,
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
      // every person's last page, as the tests left it
      const failures: string[] = [];
      for (const context of contexts) {
        for (const page of context.pages()) {
          if (page.isClosed() || !showsOurApp(page)) continue;
          await audit(page, `${routeOf(page)} (at the end)`).catch((error: Error) => failures.push(error.message));
        }
      }
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await stack.close();
      console.log(`axe: ${audits} page states audited (WCAG 2.0/2.1 A+AA), ${failures.length} with violations at the end`);
      if (failures.length) throw new Error(failures.join('\n'));
    },
  };
}
