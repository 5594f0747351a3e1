import { useCallback, useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CURRENT_CONSENT_VERSION, type CommunityView, type RealNameBody } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { registerRealName } from '../../../api/me';
import { listAllCommunities } from '../../../api/reference';
import { PageShell } from '../../../components/page-shell';
import { LoadState } from '../../../components/status';
import { RealNameForm } from './real-name-form';
import '../account.css';

export default function RealNamePage() {
  const [communities, setCommunities] = useState<CommunityView[]>();
  const [loadError, setLoadError] = useState<string>();

  const load = useCallback(async () => {
    setLoadError(undefined);
    setCommunities(undefined);
    try {
      setCommunities(await listAllCommunities());
    } catch (error) {
      setLoadError(toApiError(error).message);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function submit(body: RealNameBody) {
    await registerRealName(body);
    await Taro.showToast({ title: '实名登记成功', icon: 'success' });
    void Taro.switchTab({ url: '/pages/mine/index' });
  }

  return (
    <PageShell title="实名登记">
      <View className="gz-muted gz-paragraph">
        依据《个人信息保护法》，您的身份证号码和手机号码加密保存，仅以脱敏形式展示。
      </View>
      <LoadState loading={!communities && !loadError} error={loadError} onRetry={() => void load()} />
      {communities ? (
        <RealNameForm
          communities={communities}
          consentVersion={CURRENT_CONSENT_VERSION}
          onSubmit={submit}
          onOpenPrivacy={() => void Taro.navigateTo({ url: '/packages/account/privacy/index' })}
        />
      ) : null}
    </PageShell>
  );
}
