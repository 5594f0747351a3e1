import Taro from '@tarojs/taro';
import type { UserView } from '@gongzhi/shared';
import { pageUrl } from '@gongzhi/shared';

/** A new resident goes on to real-name registration; a registered one back to 我的. */
export function continueAfterLogin(user: UserView) {
  if (user.verified) {
    void Taro.switchTab({ url: pageUrl('mine') });
  } else {
    void Taro.redirectTo({ url: pageUrl('realName') });
  }
}
