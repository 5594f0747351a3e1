import { View } from '@tarojs/components';
import { COMPLAINT_STATE_LABELS, type ComplaintSummaryView } from '@gongzhi/shared';
import type { Column } from '../data-table';
import { Pressable } from '../links';
import { formatTime } from '../format';
import { StateBadge } from './state-badge';

/** A complaint read out as one link: its flags are in its name, not only in the badges inside it. */
function linkName(item: ComplaintSummaryView): string {
  const state = COMPLAINT_STATE_LABELS[item.state] ?? item.state;
  const flags = [item.overdue ? '已超时' : '', item.supervised ? '督办中' : ''].filter(Boolean).map((flag) => `，${flag}`).join('');
  return `${item.categoryName}，${state}${flags}，编号${item.number}`;
}

/** One complaint in a list; the whole card opens it. */
export function ComplaintCard({ item, onOpen }: { item: ComplaintSummaryView; onOpen: (id: string) => void }) {
  return (
    <Pressable className="gz-card gz-complaint-card" label={linkName(item)} onPress={() => onOpen(item.id)}>
      <View className="gz-complaint-head">
        <View className="gz-card-title">{item.categoryName}</View>
        <StateBadge state={item.state} overdue={item.overdue} supervised={item.supervised} />
      </View>
      {/* a followed complaint's list entry carries only what its filer made public */}
      {item.summary ? <View className="gz-complaint-summary">{item.summary}</View> : null}
      <View className="gz-muted">
        {item.address ? `${item.communityName} · ${item.address}` : item.communityName}
      </View>
      <View className="gz-muted">
        编号 {item.number} · {formatTime(item.createdAt)}
        {item.unitName ? ` · 承办：${item.unitName}` : ''}
      </View>
    </Pressable>
  );
}

/** The staff queues as table columns (components/data-table.tsx): the number opens the complaint. */
export function complaintColumns(onOpen: (id: string) => void): Column<ComplaintSummaryView>[] {
  return [
    {
      key: 'number',
      label: '编号',
      sortValue: (item) => item.number,
      render: (item) => (
        <Pressable className="gz-link" label={linkName(item)} onPress={() => onOpen(item.id)}>
          {item.number}
        </Pressable>
      ),
    },
    { key: 'category', label: '类别', sortValue: (item) => item.categoryName, render: (item) => item.categoryName },
    {
      key: 'state',
      label: '状态',
      // overdue first, then supervised, then by the state's name
      sortValue: (item) => `${item.overdue ? 0 : 1}${item.supervised ? 0 : 1}${COMPLAINT_STATE_LABELS[item.state] ?? item.state}`,
      render: (item) => <StateBadge state={item.state} overdue={item.overdue} supervised={item.supervised} />,
    },
    {
      key: 'place',
      label: '社区 · 地址',
      sortValue: (item) => item.communityName,
      render: (item) => (item.address ? `${item.communityName} · ${item.address}` : item.communityName),
    },
    { key: 'created', label: '提交时间', numeric: true, sortValue: (item) => item.createdAt, render: (item) => formatTime(item.createdAt) },
    { key: 'unit', label: '承办单位', sortValue: (item) => item.unitName ?? '', render: (item) => item.unitName ?? '—' },
  ];
}
