import { View } from '@tarojs/components';
import { COMPLAINT_STATE_LABELS, type ComplaintState } from '@gongzhi/shared';

/** The state in words (and the overdue/supervised flags in words too), never a colour alone. */
export function StateBadge({ state, overdue, supervised }: { state: ComplaintState; overdue?: boolean; supervised?: boolean }) {
  const label = COMPLAINT_STATE_LABELS[state] ?? state;
  return (
    <View className="gz-badges">
      <View className="gz-badge" aria-label={`状态：${label}`}>
        {label}
      </View>
      {overdue ? (
        <View className="gz-badge gz-badge-warn" aria-label="已超时">
          ⚠ 已超时
        </View>
      ) : null}
      {supervised ? (
        <View className="gz-badge" aria-label="督办中">
          督办中
        </View>
      ) : null}
    </View>
  );
}
