import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ENTERPRISE_STATE_LABELS, pageUrl, SIZE_LABELS } from '@gongzhi/shared';
// the page frame's styles first (one CSS order for every page: weapp's common chunk)
import { PageShell } from '../../../components/page-shell';
import { hasSession } from '../../../api/auth';
import { myEnterprises } from '../../../api/enterprises';
import { getMe } from '../../../api/me';
import { listAllCommunities } from '../../../api/reference';
import { NeedsAccount } from '../../../components/needs-account';
import { LoadState } from '../../../components/status';
import { Button } from '../../../components/ui';
import { useLoaded } from '../../../components/use-loaded';
import { Colleagues, JoinWithCode } from './colleagues';
import { EnterpriseServices } from './desk';
import { RegisterEnterpriseForm } from './register-form';
import '../../../components/form.css';
import '../../../components/common.css';

/** 企业服务: register my enterprise, see its review, and (once verified) what it qualifies for. */
export default function EnterprisePage() {
  const signedIn = hasSession();
  const [version, setVersion] = useState(0);
  const loaded = useLoaded(async () => {
    const user = await getMe();
    if (!user.verified) return { user, enterprises: [], communities: [] };
    const [mine, communities] = await Promise.all([myEnterprises(), listAllCommunities()]);
    return { user, enterprises: mine.items, communities };
  }, `${signedIn}:${version}`);
  const value = loaded.value;
  if (!signedIn || (value && !value.user.verified)) {
    return (
      <PageShell title="企业服务">
        <NeedsAccount signedIn={signedIn} purpose="登记企业" returnTo="enterprise" />
      </PageShell>
    );
  }
  const officer = value?.user.roles.some((b) => b.role === 'enterprise_officer' || b.role === 'admin');
  return (
    <PageShell title="企业服务">
      <View className="gz-muted gz-paragraph">街道企业服务部汇集惠企政策、金融产品和人才服务。企业登记并通过认证后，平台逐条说明您符合哪些、为什么。</View>
      {officer ? (
        <View className="gz-actions">
          <Button block fill="outline" onClick={() => void Taro.navigateTo({ url: pageUrl('enterpriseOfficer') })}>
            企业服务部工作台
          </Button>
        </View>
      ) : null}
      <LoadState loading={loaded.loading} error={loaded.error} onRetry={() => void loaded.reload()} />
      {value?.enterprises.map((e) => (
        <View key={e.id}>
          <View className="gz-card">
            <View className="gz-card-title">{e.name}</View>
            <View className="gz-badges">
              <View className="gz-badge">{ENTERPRISE_STATE_LABELS[e.state]}</View>
              <View className="gz-badge">{SIZE_LABELS[e.sizeClass]}企业</View>
            </View>
            <View className="gz-muted">
              {e.industryName} · {e.communityName} · 成立于 {e.foundedOn}
            </View>
            {e.review ? <View className="gz-notice">审核意见：{e.review.reason}</View> : null}
            {e.state === 'pending' ? <View className="gz-muted">企业服务部审核后即可查看匹配的政策。</View> : null}
          </View>
          {e.state === 'verified' ? <EnterpriseServices enterprise={e} /> : null}
          <Colleagues enterprise={e} onLeft={() => setVersion((v) => v + 1)} />
        </View>
      ))}
      {value && value.enterprises.length === 0 ? (
        <>
          <JoinWithCode onJoined={() => setVersion((v) => v + 1)} />
          <RegisterEnterpriseForm communities={value.communities} onDone={() => setVersion((v) => v + 1)} />
        </>
      ) : null}
    </PageShell>
  );
}
