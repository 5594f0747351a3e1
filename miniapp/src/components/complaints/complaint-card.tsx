import { View } from '@tarojs/components';
import { COMPLAINT_STATE_LABELS, type ComplaintSummaryView } from '@gongzhi/shared';
import { Pressable } from '../links';
import { formatTime } from '../format';
import { StateBadge } from './state-badge';

/** One complaint in a list; the whole card opens it. */
export function ComplaintCard({ item, onOpen }: { item: ComplaintSummaryView; onOpen: (id: string) => void }) {
  const state = COMPLAINT_STATE_LABELS[item.state] ?? item.state;
  // the card is read out as one link: its flags must be in its name, not only in the badges inside it
  const flags = [item.overdue ? '已超时' : '', item.supervised ? '督办中' : ''].filter(Boolean).map((flag) => `，${flag}`).join('');
  return (
    <Pressable className="gz-card gz-complaint-card" label={`${item.categoryName}，${state}${flags}，编号${item.number}`} onPress={() => onOpen(item.id)}>
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
