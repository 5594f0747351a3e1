import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { pageUrl, PAYMENT_STATE_LABELS, REGISTRATION_STATUS_LABELS, type ActivitySummary } from '@gongzhi/shared';
import { formatTime } from '../../components/format';
import { Pressable } from '../../components/links';
import { priceText } from './labels';

const STATE = { draft: '草稿', published: '报名中', cancelled: '已取消' } as const;

/** One activity in a list: when, where, price, places left, my registration; opens the activity (or, for its organiser, its management page). */
export function ActivityCard({ activity, manage = false }: { activity: ActivitySummary; manage?: boolean }) {
  const left = Math.max(0, activity.capacity - activity.confirmed);
  const mine = activity.registration ? `${REGISTRATION_STATUS_LABELS[activity.registration]}${activity.payment ? `（${PAYMENT_STATE_LABELS[activity.payment]}）` : ''}` : '';
  return (
    <Pressable
      className="gz-row"
      label={`${activity.title}，${formatTime(activity.startsAt)}，${activity.address}，${priceText(activity.price)}，${STATE[activity.state]}，剩余${left}个名额${mine ? `，${mine}` : ''}`}
      onPress={() => void Taro.navigateTo({ url: pageUrl(manage ? 'activityManage' : 'activity', { id: activity.id }) })}
    >
      <View>
        <View>{activity.title}</View>
        <View className="gz-muted">
          {formatTime(activity.startsAt)} · {activity.address} · {priceText(activity.price)}
        </View>
        <View className="gz-muted">
          {STATE[activity.state]} · 剩余{left}个名额{activity.waitlisted ? `，${activity.waitlisted}人候补` : ''}
          {mine ? ` · ${mine}` : ''}
        </View>
      </View>
      <View className="gz-muted">›</View>
    </Pressable>
  );
}
