import Taro from '@tarojs/taro';
import { pageUrl, type ComplaintSummaryView, type PageName } from '@gongzhi/shared';
import { DataTable } from '../data-table';
import { PagedItems } from '../paged-items';
import type { usePagedList } from '../paged-list';
import { useWide } from '../viewport';
import { ComplaintCard, complaintColumns } from './complaint-card';

/**
 * A page of complaint cards, each card one link; with `table` (the staff queues) a sortable table on a
 * desktop browser, whose number opens the complaint. `openPage` is the page that opens one (with its id).
 */
export function PagedComplaints({
  list,
  label,
  empty,
  openPage,
  className,
  table,
}: {
  list: ReturnType<typeof usePagedList<ComplaintSummaryView>>;
  label: string;
  empty: string;
  openPage: PageName;
  className?: string;
  table?: boolean;
}) {
  const wide = useWide();
  const open = (id: string) => void Taro.navigateTo({ url: pageUrl(openPage, { id }) });
  return (
    <PagedItems
      list={list}
      label={label}
      empty={empty}
      className={className}
      renderItem={(item) => <ComplaintCard item={item} onOpen={open} />}
      renderItems={table && wide ? (items) => <DataTable label={label} columns={complaintColumns(open)} rows={items} rowKey={(item) => item.id} /> : undefined}
    />
  );
}
