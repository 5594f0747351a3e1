import Taro from '@tarojs/taro';
import { pageUrl, type ComplaintSummaryView, type PageName } from '@gongzhi/shared';
import { PagedItems } from '../paged-items';
import type { usePagedList } from '../paged-list';
import { ComplaintCard } from './complaint-card';

/** A page of complaint cards; `openPage` is the page that opens one complaint (with its id). */
export function PagedComplaints({
  list,
  label,
  empty,
  openPage,
  className,
}: {
  list: ReturnType<typeof usePagedList<ComplaintSummaryView>>;
  label: string;
  empty: string;
  openPage: PageName;
  className?: string;
}) {
  return (
    <PagedItems
      list={list}
      label={label}
      empty={empty}
      className={className}
      renderItem={(item) => <ComplaintCard item={item} onOpen={(id) => void Taro.navigateTo({ url: pageUrl(openPage, { id }) })} />}
    />
  );
}
