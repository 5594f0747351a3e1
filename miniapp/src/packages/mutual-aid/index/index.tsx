import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { pageUrl, type AidPostSummary } from '@gongzhi/shared';
// the page frame's styles first, before any component's (one CSS order for every page: weapp's common chunk)
import { PageShell } from '../../../components/page-shell';
import { hasSession } from '../../../api/auth';
import { getMe } from '../../../api/me';
import { aidFeed, listAidCategories } from '../../../api/mutual-aid';
import { ChoiceGroup } from '../../../components/choice-group';
import { NeedsAccount } from '../../../components/needs-account';
import { PagedItems } from '../../../components/paged-items';
import { usePagedList } from '../../../components/paged-list';
import { FieldError, LoadState } from '../../../components/status';
import { Button } from '../../../components/ui';
import { useLoaded } from '../../../components/use-loaded';
import { currentPosition } from '../../../platform/wechat';
import { AidPostCard } from '../post-card';
import '../../../components/form.css';
import '../../../components/common.css';

const KINDS = [
  { value: 'all', label: '全部' },
  { value: 'ask', label: '求助' },
  { value: 'offer', label: '帮忙' },
] as const;
const SORTS = [
  { value: 'newest', label: '最新' },
  { value: 'nearest', label: '离我最近' },
] as const;

/** 社区互助: my community's asks and offers, newest or nearest, by kind and category. */
export default function AidFeedPage() {
  const signedIn = hasSession();
  const setup = useLoaded(async () => {
    const user = await getMe();
    return { user, categories: user.verified ? (await listAidCategories()).items.filter((c) => c.active) : [] };
  }, String(signedIn));
  const [kind, setKind] = useState<'all' | 'ask' | 'offer'>('all');
  const [category, setCategory] = useState('all');
  const [sort, setSort] = useState<'newest' | 'nearest'>('newest');
  const [where, setWhere] = useState<{ lat: number; lng: number }>();
  const [whereError, setWhereError] = useState<string>();
  const verified = !!setup.value?.user.verified;

  const list = usePagedList<AidPostSummary>(
    (cursor) =>
      verified
        ? aidFeed({ ...(kind !== 'all' ? { kind } : {}), ...(category !== 'all' ? { category } : {}), sort, ...(sort === 'nearest' && where ? where : {}), ...(cursor ? { cursor } : {}) })
        : Promise.resolve({ items: [], nextCursor: null }),
    `${verified}:${kind}:${category}:${sort}:${where?.lat}:${where?.lng}`,
  );

  async function sortBy(next: 'newest' | 'nearest') {
    setWhereError(undefined);
    if (next === 'nearest' && !where) {
      const position = await currentPosition();
      if (!position) {
        setWhereError('没有取得您的位置，请在设置中允许使用位置后再试');
        return;
      }
      setWhere({ lat: position.lat, lng: position.lng });
    }
    setSort(next);
  }

  if (!signedIn || (setup.value && !verified)) {
    return (
      <PageShell title="社区互助">
        <NeedsAccount signedIn={signedIn} purpose="参与社区互助" returnTo="aid" />
      </PageShell>
    );
  }
  const categories = setup.value?.categories ?? [];
  return (
    <PageShell title="社区互助">
      <View className="gz-muted gz-paragraph">邻里之间求助、帮忙、借用闲置物品。准确地址只给您接受的那位邻居看，双方通过平台沟通，不公开电话。</View>
      <View className="gz-actions">
        <Button type="primary" block onClick={() => void Taro.navigateTo({ url: pageUrl('aidNew', { kind: 'ask' }) })}>
          我要求助
        </Button>
        <Button block fill="outline" onClick={() => void Taro.navigateTo({ url: pageUrl('aidNew', { kind: 'offer' }) })}>
          我能帮忙
        </Button>
        <Button block fill="outline" onClick={() => void Taro.navigateTo({ url: pageUrl('aidMine') })}>
          我的互助和时间银行
        </Button>
      </View>
      <LoadState loading={setup.loading} error={setup.error} onRetry={() => void setup.reload()} />
      <View className="gz-card">
        <View className="gz-field-label">类型</View>
        <ChoiceGroup label="类型" inline choices={KINDS} value={kind} onChange={setKind} />
        <View className="gz-field-label">类别</View>
        <ChoiceGroup label="类别" inline choices={[{ value: 'all', label: '全部' }, ...categories.map((c) => ({ value: c.code, label: c.name }))]} value={category} onChange={setCategory} />
        <View className="gz-field-label">排序</View>
        <ChoiceGroup label="排序" inline choices={SORTS} value={sort} onChange={(v) => void sortBy(v)} />
        <FieldError message={whereError} />
      </View>
      <PagedItems list={list} label="互助信息" empty="暂时没有符合条件的互助信息" className="gz-card" renderItem={(post) => <AidPostCard post={post} />} />
    </PageShell>
  );
}
