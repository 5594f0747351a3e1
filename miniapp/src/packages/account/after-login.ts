import Taro from '@tarojs/taro';
import { isPageName, pageUrl, TAB_PAGES, type PageName, type UserView } from '@gongzhi/shared';

/**
 * Where a resident was going when they were asked to log in or register their real name: a page
 * name from PAGES (so no address from outside can be slipped in), never the account pages themselves.
 */
export function returnPageOf(next: unknown): PageName | undefined {
  return isPageName(next) && next !== 'login' && next !== 'realName' ? next : undefined;
}

/** Opens the page they were going to, fresh (it reads the new session), or 我的 when there is none. */
export function returnTo(next: PageName | undefined): void {
  if (!next || TAB_PAGES.includes(next)) void Taro.switchTab({ url: pageUrl(next ?? 'mine') });
  else void Taro.reLaunch({ url: pageUrl(next) });
}

/** A new resident goes on to real-name registration, carrying where they were going; a registered one goes there. */
export function continueAfterLogin(user: UserView, next?: PageName) {
  if (user.verified) returnTo(next);
  else void Taro.redirectTo({ url: pageUrl('realName', { next }) });
}
