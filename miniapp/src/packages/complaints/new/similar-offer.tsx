import { View } from '@tarojs/components';
import { COMPLAINT_STATE_LABELS, COMPLAINT_RULES, type ComplaintSummaryView } from '@gongzhi/shared';
import { a11y } from '../../../components/a11y';
import { Button } from '../../../components/ui';
import { formatTime } from '../../../components/format';

/** FixMyStreet's habit: the same problem nearby this week is offered to follow instead of filing again. */
export function SimilarOffer({ items, onFollow }: { items: ComplaintSummaryView[]; onFollow: (c: ComplaintSummaryView) => void }) {
  return (
    <View className="gz-notice" {...a11y({ role: 'region', label: '附近的相同诉求' })}>
      <View className="gz-card-title" role="alert">
        附近{COMPLAINT_RULES.duplicateRadiusMeters}米内{COMPLAINT_RULES.duplicateWindowDays}天内已有{items.length}条相同类别的诉求
      </View>
      <View className="gz-muted">关注后，办理进展会同样通知您；也可以仍然提交新诉求。</View>
      {items.map((item) => (
        <View key={item.id} className="gz-similar-item">
          <View>
            {item.categoryName} · {COMPLAINT_STATE_LABELS[item.state]} · {formatTime(item.createdAt)}
          </View>
          {/* only what the filer made public; usually nothing beyond category, state and time */}
          {item.summary ? <View className="gz-muted">{item.summary}</View> : null}
          {item.address ? <View className="gz-muted">{item.address}</View> : null}
          <Button fill="outline" {...a11y({ role: 'button', label: `关注这条诉求：${item.number}` })} onClick={() => onFollow(item)}>
            关注这条诉求
          </Button>
        </View>
      ))}
    </View>
  );
}
