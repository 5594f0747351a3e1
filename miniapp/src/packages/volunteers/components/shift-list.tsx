import { useRef } from 'react';
import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { ShiftView } from '@gongzhi/shared';
import { a11y } from '../../../components/a11y';
import { LoadState } from '../../../components/status';
import { Button } from '../../../components/ui';
import type { usePagedList } from '../../complaints/components/paged-list';
import { ShiftCard } from './shift-card';

/** A page of shifts with its empty text and 加载更多; coming back to it reloads (a sign-up changed it). */
export function ShiftList({
  list,
  label,
  empty,
  onOpen,
}: {
  list: ReturnType<typeof usePagedList<ShiftView>>;
  label: string;
  empty: string;
  onOpen: (id: string) => void;
}) {
  const firstShow = useRef(true);
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false;
    else void list.reload();
  });
  return (
    <>
      <View {...a11y({ role: 'list', label })}>
        {list.items.map((shift) => (
          <ShiftCard key={shift.id} shift={shift} onOpen={onOpen} />
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
