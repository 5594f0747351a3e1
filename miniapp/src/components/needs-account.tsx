import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from './ui';
import { pageUrl } from '@gongzhi/shared';

/** Filing needs a login and a real name (the BFF answers REAL_NAME_REQUIRED otherwise): say so first. */
export function NeedsAccount({ signedIn, purpose }: { signedIn: boolean; purpose: string }) {
  return (
    <View className="gz-card">
      <View className="gz-card-title">{signedIn ? '请先完成实名登记' : '请先登录'}</View>
      <View className="gz-muted">{signedIn ? `实名登记后才能${purpose}。` : `登录并实名登记后才能${purpose}。`}</View>
      <View className="gz-actions">
        <Button
          type="primary"
          block
          onClick={() =>
            void Taro.navigateTo({ url: signedIn ? pageUrl('realName') : pageUrl('login') })
          }
        >
          {signedIn ? '去实名登记' : '去登录'}
        </Button>
      </View>
    </View>
  );
}
