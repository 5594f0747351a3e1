import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { pageUrl, type ProposalView } from '@gongzhi/shared';
import { formatTime } from '../../components/format';
import { ItemList, Pressable } from '../../components/links';

const DECISION_LABELS = { adopted: '已采纳', not_adopted: '未采纳', merged: '已合并' } as const;

/** The community's answer and, for an adopted proposal, its progress reports, oldest first. */
export function ProposalAnswer({ proposal }: { proposal: ProposalView }) {
  const answer = proposal.answer;
  if (!answer) return null;
  return (
    <View className="gz-card">
      <View className="gz-card-title">社区答复：{DECISION_LABELS[answer.decision]}</View>
      <View className="gz-paragraph">{answer.text}</View>
      <View className="gz-muted">{formatTime(answer.at)}</View>
      {answer.into ? (
        <Pressable className="gz-link" onPress={() => void Taro.navigateTo({ url: pageUrl('proposal', { id: answer.into }) })}>
          查看合并后的提议
        </Pressable>
      ) : null}
      {proposal.progress.length > 0 ? (
        <>
          <View className="gz-card-title">落实进展</View>
          <ItemList label="落实进展">
            {proposal.progress.map((step, i) => (
              <View key={i} className="gz-row">
                <View>{step.text}</View>
                <View className="gz-muted">{formatTime(step.at)}</View>
              </View>
            ))}
          </ItemList>
        </>
      ) : null}
    </View>
  );
}
