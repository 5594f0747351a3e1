import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { pageUrl } from '@gongzhi/shared';
// the page frame's styles first, before any component's (one CSS order for every page: weapp's common chunk)
import { PageShell } from '../../../components/page-shell';
import { listActivities, managedActivities } from '../../../api/activities';
import { hasSession } from '../../../api/auth';
import { getMe } from '../../../api/me';
import { ChoiceGroup } from '../../../components/choice-group';
import { ItemList } from '../../../components/links';
import { NeedsAccount } from '../../../components/needs-account';
import { LoadState } from '../../../components/status';
import { Button } from '../../../components/ui';
import { useLoaded } from '../../../components/use-loaded';
import { ActivityCard } from '../activity-card';
import { organisesActivities } from '../labels';
import '../../../components/form.css';
import '../../../components/common.css';

const PRICES = [
  { value: 'all', label: '全部' },
  { value: 'free', label: '免费' },
  { value: 'paid', label: '收费' },
] as const;

/** 活动报名: upcoming activities of my community, the street and for everyone; organisers also see theirs. */
export default function ActivitiesPage() {
  const signedIn = hasSession();
  const [price, setPrice] = useState<'all' | 'free' | 'paid'>('all');
  const loaded = useLoaded(async () => {
    const user = await getMe();
    const [open, managed] = await Promise.all([listActivities(price), organisesActivities(user) ? managedActivities() : Promise.resolve({ items: [] })]);
    return { user, open: open.items, managed: managed.items };
  }, `${signedIn}:${price}`);
  useDidShow(() => {
    if (loaded.value) void loaded.reload();
  });
  if (!signedIn) {
    return (
      <PageShell title="活动报名">
        <NeedsAccount signedIn={false} purpose="报名社区活动" returnTo="activities" />
      </PageShell>
    );
  }
  const value = loaded.value;
  return (
    <PageShell title="活动报名">
      <View className="gz-muted gz-paragraph">社区党委组织的讲座、清洁、亲子课堂、长者出游等活动。名额满了可以候补，有人取消时按顺序递补并通知您。</View>
      <View className="gz-actions">
        <Button block fill="outline" onClick={() => void Taro.navigateTo({ url: pageUrl('activitiesMine') })}>
          我报名的活动
        </Button>
      </View>
      <ChoiceGroup label="费用" inline choices={PRICES} value={price} onChange={setPrice} />
      <LoadState loading={loaded.loading} error={loaded.error} onRetry={() => void loaded.reload()} />
      {value ? (
        <>
          {value.open.length ? (
            <ItemList className="gz-card" label="可报名的活动">
              {value.open.map((a) => (
                <ActivityCard key={a.id} activity={a} />
              ))}
            </ItemList>
          ) : (
            <View className="gz-card gz-muted">暂时没有可报名的活动</View>
          )}
          {organisesActivities(value.user) ? (
            <>
              <View className="gz-card-title">我组织的活动</View>
              <View className="gz-actions">
                <Button type="primary" block onClick={() => void Taro.navigateTo({ url: pageUrl('activityNew') })}>
                  发布活动
                </Button>
                <Button block fill="outline" onClick={() => void Taro.navigateTo({ url: pageUrl('paymentReconciliation') })}>
                  支付对账
                </Button>
              </View>
              {value.managed.length ? (
                <ItemList className="gz-card" label="我组织的活动">
                  {value.managed.map((a) => (
                    <ActivityCard key={a.id} activity={a} manage />
                  ))}
                </ItemList>
              ) : (
                <View className="gz-card gz-muted">还没有组织过活动</View>
              )}
            </>
          ) : null}
        </>
      ) : null}
    </PageShell>
  );
}
