import { useCallback, useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { CURRENT_CONSENT_VERSION, pageUrl, type CommunityView, type RealNameBody } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { registerRealName } from '../../../api/me';
import { listAllCommunities } from '../../../api/reference';
import { a11y } from '../../../components/a11y';
import { PageShell } from '../../../components/page-shell';
import { LoadState } from '../../../components/status';
import { returnPageOf, returnTo } from '../after-login';
import { RealNameForm } from './real-name-form';
import '../../../components/form.css';
import '../account.css';
import { toast } from '../../../components/toast';

export default function RealNamePage() {
  const next = returnPageOf(useRouter().params.next);
  const [communities, setCommunities] = useState<CommunityView[]>();
  const [loadError, setLoadError] = useState<string>();
  const [registered, setRegistered] = useState(false);

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
    // Unmount the form so the full ID number and phone leave the page (and its DOM on H5) at once;
    // Leaving by switchTab/reLaunch then closes this page instead of leaving it hidden under the next one;
    // the resident goes on to where they were going when they were asked to register.
    setRegistered(true);
    toast('实名登记成功');
    returnTo(next);
  }

  return (
    <PageShell title="实名登记">
      <View className="gz-muted gz-paragraph">
        依据《个人信息保护法》，您的身份证号码和手机号码加密保存，仅以脱敏形式展示。
      </View>
      <LoadState loading={!communities && !loadError} error={loadError} onRetry={() => void load()} />
      {registered ? (
        <View {...a11y({ role: 'status' })} className="gz-paragraph">
          实名登记已完成，正在返回“我的”。
        </View>
      ) : communities ? (
        <RealNameForm
          communities={communities}
          consentVersion={CURRENT_CONSENT_VERSION}
          onSubmit={submit}
          onOpenPrivacy={() => void Taro.navigateTo({ url: pageUrl('privacy') })}
        />
      ) : null}
    </PageShell>
  );
}
