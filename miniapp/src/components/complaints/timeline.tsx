import { View } from '@tarojs/components';
import { COMPLAINT_STATE_LABELS, type ComplaintView } from '@gongzhi/shared';
import { a11y } from '../a11y';
import { formatTime } from '../format';
import { PhotoStrip } from './photo-strip';

type TimelineEvent = ComplaintView['timeline'][number];

/** Action names as the BFF records them (transition keys or route names), in the product's words. */
const ACTION_LABELS: Record<string, string> = {
  create: '提交诉求',
  submit: '提交诉求',
  file: '提交诉求',
  accept: '受理',
  reject: '不予受理',
  dispatch: '派单',
  sign: '签收',
  return: '退单',
  recordContact: '联系诉求人',
  contact: '联系诉求人',
  resolve: '办结',
  rate: '评价',
  sendBack: '不满意，退回重办',
  'send-back': '不满意，退回重办',
  recordPhoneCallback: '电话回访',
  'phone-callback': '电话回访',
  supervise: '督办',
  appeal: '申诉',
  ruleOnAppeal: '申诉裁定',
  'appeal-ruling': '申诉裁定',
  close: '结案',
  follow: '关注',
  overdue: '超时提醒',
};

export function actionLabel(event: Pick<TimelineEvent, 'action' | 'to'>): string {
  return ACTION_LABELS[event.action] ?? (event.to ? COMPLAINT_STATE_LABELS[event.to] : event.action);
}

/** The history of a complaint, oldest first; each step says its state in words. */
export function Timeline({ events }: { events: TimelineEvent[] }) {
  if (events.length === 0) return <View className="gz-muted">暂无办理记录</View>;
  return (
    <View className="gz-timeline" {...a11y({ role: 'list', label: '办理进度' })}>
      {events.map((event, index) => {
        const state = event.to ? COMPLAINT_STATE_LABELS[event.to] : undefined;
        return (
          <View key={`${event.at}-${index}`} className="gz-timeline-item" {...a11y({ role: 'listitem' })}>
            <View className="gz-timeline-head">
              <View className="gz-timeline-action">{actionLabel(event)}</View>
              {state && event.from !== event.to ? <View className="gz-badge">→ {state}</View> : null}
              {!event.public ? <View className="gz-badge">内部</View> : null}
            </View>
            <View className="gz-muted">
              {formatTime(event.at)} · {event.actorLabel}
            </View>
            {event.note ? <View className="gz-timeline-note">{event.note}</View> : null}
            {event.photoIds && event.photoIds.length > 0 ? <PhotoStrip ids={event.photoIds} /> : null}
          </View>
        );
      })}
    </View>
  );
}
