import Taro from '@tarojs/taro';
import type { ComplaintSummaryView } from '@gongzhi/shared';
import { PagedItems } from '../../../components/paged-items';
import type { usePagedList } from '../../../components/paged-list';
import { ComplaintCard } from './complaint-card';

/** A page of complaint cards; `openUrl` is the page that opens one complaint (its id is appended). */
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
  openUrl: string;
  className?: string;
}) {
  return (
    <PagedItems
      list={list}
      label={label}
      empty={empty}
      className={className}
      renderItem={(item) => <ComplaintCard item={item} onOpen={(id) => void Taro.navigateTo({ url: `${openUrl}?id=${id}` })} />}
    />
  );
}
