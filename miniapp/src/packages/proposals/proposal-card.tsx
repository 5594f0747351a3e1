import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { pageUrl, PROPOSAL_STATE_LABELS, type PageName, type ProposalSummaryView } from '@gongzhi/shared';
import { formatTime } from '../../components/format';
import { Pressable } from '../../components/links';
import { ProposalBadges } from './proposal-badges';

/** A proposal read out as one link: its state, its supports and an overdue answer are in its name, not only drawn. */
function linkName(p: ProposalSummaryView): string {
  const overdue = p.overdue ? '，答复已超期' : '';
  return `${p.title}，${PROPOSAL_STATE_LABELS[p.state]}${overdue}，附议${p.supports}人，门槛${p.threshold}人`;
}

/** One proposal in a list; the whole card opens `openPage` (the detail, or staff's answer page). */
export function ProposalCard({ item, openPage = 'proposal' }: { item: ProposalSummaryView; openPage?: PageName }) {
  return (
    <Pressable className="gz-card" label={linkName(item)} onPress={() => void Taro.navigateTo({ url: pageUrl(openPage, { id: item.id }) })}>
      <View className="gz-card-title">{item.title}</View>
      <ProposalBadges proposal={item} />
      <View className="gz-muted">
        附议 {item.supports}/{item.threshold} · {item.author} · {formatTime(item.createdAt)}
        {item.answerDeadline && item.state === 'awaiting_answer' ? ` · 答复期限 ${formatTime(item.answerDeadline)}` : ''}
      </View>
    </Pressable>
  );
}
