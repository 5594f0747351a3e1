import { useRef } from 'react';
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { ComplaintSummaryView } from '@gongzhi/shared';
import { a11y } from '../../../components/a11y';
import { LoadState } from '../../../components/status';
import { Button } from '../../../components/ui';
import { ComplaintCard } from './complaint-card';
import type { usePagedList } from './paged-list';

/**
 * A page of complaint cards with its empty text, loading/failure state and 加载更多.
 * Coming back to the page (after acting on one) reloads it: the list has changed.
 */
export function PagedComplaints({
  list,
  label,
  empty,
  openUrl,
  className,
}: {
  list: ReturnType<typeof usePagedList<ComplaintSummaryView>>;
  label: string;
  empty: string;
  /** the page that opens one complaint; its id is appended */
  openUrl: string;
  className?: string;
}) {
  const firstShow = useRef(true);
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false;
    else void list.reload();
  });
  return (
    <>
      <View className={className} {...a11y({ role: 'list', label })}>
        {list.items.map((item) => (
          <ComplaintCard key={item.id} item={item} onOpen={(id) => void Taro.navigateTo({ url: `${openUrl}?id=${id}` })} />
        ))}
      </View>
      {!list.loading && !list.error && list.items.length === 0 ? <View className="gz-card gz-muted">{empty}</View> : null}
      <LoadState loading={list.loading} error={list.error} onRetry={() => void list.reload()} />
      {list.hasMore && !list.loading ? (
        <Button block fill="outline" onClick={() => void list.loadMore()}>
          加载更多
        </Button>
      ) : null}
    </>
  );
}
