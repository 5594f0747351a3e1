import { View } from '@tarojs/components';
import { PROPOSAL_STATE_LABELS, type ProposalSummaryView } from '@gongzhi/shared';

/** The state in words, and an overdue answer marked by a sign and words, never by colour alone. */
export function ProposalBadges({ proposal, supported }: { proposal: Pick<ProposalSummaryView, 'state' | 'overdue'>; supported?: boolean }) {
  return (
    <View className="gz-badges">
      <View className="gz-badge">{PROPOSAL_STATE_LABELS[proposal.state]}</View>
      {supported ? <View className="gz-badge">✓ 我已附议</View> : null}
      {proposal.overdue ? <View className="gz-badge gz-badge-warn">⚠ 答复已超期</View> : null}
    </View>
  );
}
