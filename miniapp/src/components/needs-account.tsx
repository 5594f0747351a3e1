import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { pageUrl, type PageName } from '@gongzhi/shared';
import { Button } from './ui';

/**
 * Filing needs a login and a real name (the BFF answers REAL_NAME_REQUIRED otherwise): say so first,
 * and bring the resident back to `returnTo` once they have both.
 */
export function NeedsAccount({ signedIn, purpose, returnTo }: { signedIn: boolean; purpose: string; returnTo: PageName }) {
  return (
    <View className="gz-card">
      <View className="gz-card-title">{signedIn ? '请先完成实名登记' : '请先登录'}</View>
      <View className="gz-muted">{signedIn ? `实名登记后才能${purpose}。` : `登录并实名登记后才能${purpose}。`}</View>
      <View className="gz-actions">
        <Button type="primary" block onClick={() => void Taro.navigateTo({ url: pageUrl(signedIn ? 'realName' : 'login', { next: returnTo }) })}>
          {signedIn ? '去实名登记' : '去登录'}
        </Button>
      </View>
    </View>
  );
}
