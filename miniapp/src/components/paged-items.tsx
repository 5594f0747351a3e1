import { useRef, type ReactNode } from 'react';
import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { a11y } from './a11y';
import type { usePagedList } from './paged-list';
import { LoadState } from './status';
import { Button } from './ui';

/**
 * A cursor-paginated list on screen: its items, the empty text, the loading/failure state and 加载更多.
 * Coming back to the page (after acting on an item) reloads it: the list has changed.
 */
export function PagedItems<T extends { id: string }>({
  list,
  label,
  empty,
  className,
  renderItem,
  renderItems,
}: {
  list: ReturnType<typeof usePagedList<T>>;
  label: string;
  empty: string;
  className?: string;
  renderItem: (item: T) => ReactNode;
  /** draws the loaded items in another form than a list (a table on a staff desk) */
  renderItems?: (items: T[]) => ReactNode;
}) {
  const firstShow = useRef(true);
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false;
    else void list.reload();
  });
  return (
    <>
      {renderItems && list.items.length > 0 ? (
        renderItems(list.items)
      ) : (
        <View className={className} {...a11y({ role: 'list', label })}>
          {list.items.map((item) => (
            // a list holds list items (axe: aria-required-children); the item itself is usually a link
            <View key={item.id} className="gz-listitem" {...a11y({ role: 'listitem' })}>
              {renderItem(item)}
            </View>
          ))}
        </View>
      )}
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
