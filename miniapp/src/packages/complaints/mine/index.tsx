import { useRef } from 'react';
import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { hasSession } from '../../../api/auth';
import { listMyComplaints } from '../../../api/complaints';
import { a11y } from '../../../components/a11y';
import { PageShell } from '../../../components/page-shell';
import { LoadState } from '../../../components/status';
import { Button } from '../../../components/ui';
import { ComplaintCard } from '../components/complaint-card';
import { NeedsAccount } from '../components/needs-account';
import { usePagedList } from '../components/paged-list';
import '../complaints.css';

export default function MyComplaintsPage() {
  const signedIn = hasSession();
  return <PageShell title="我的诉求">{signedIn ? <MyComplaints /> : <NeedsAccount signedIn={false} purpose="查看诉求" />}</PageShell>;
}

function MyComplaints() {
  const list = usePagedList((cursor) => listMyComplaints({ cursor, limit: 20 }), 'mine');
  const firstShow = useRef(true);

  // coming back from a detail page (a rating, a send-back) shows the new state
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false;
    else void list.reload();
  });
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <>
      <View className="gz-actions gz-top-actions">
        <Button type="primary" block onClick={() => void Taro.navigateTo({ url: '/packages/complaints/new/index' })}>
          我要反映
        </Button>
      </View>
      <View {...a11y({ role: 'list', label: '我的诉求列表' })}>
        {list.items.map((item) => (
          <ComplaintCard
            key={item.id}
            item={item}
            onOpen={(id) => void Taro.navigateTo({ url: `/packages/complaints/detail/index?id=${id}` })}
          />
        ))}
      </View>
      {!list.loading && !list.error && list.items.length === 0 ? (
        <View className="gz-card gz-muted">还没有诉求。发现身边的问题，点“我要反映”。</View>
      ) : null}
      <LoadState loading={list.loading} error={list.error} onRetry={() => void list.reload()} />
      {list.hasMore && !list.loading ? (
        <Button block fill="outline" onClick={() => void list.loadMore()}>
          加载更多
        </Button>
      ) : null}
    </>
  );
}
