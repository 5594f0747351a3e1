import { View } from '@tarojs/components';
import { SATISFACTION_LABELS, type ComplaintView } from '@gongzhi/shared';
import { a11y } from '../a11y';
import { formatTime } from '../format';
import { nextStepOf } from './next-step';
import { PhotoStrip } from './photo-strip';
import { StateBadge } from './state-badge';
import { Timeline } from './timeline';

const DEADLINE_LABELS: Record<string, string> = {
  dispatch: '派单时限',
  sign: '签收时限',
  firstContact: '首次联系时限',
  resolve: '办结时限',
};

/** What a complaint says and where it stands; the resident's and the staff's views share it. */
export function ComplaintDetails({ view, showDeadlines }: { view: ComplaintView; showDeadlines?: boolean }) {
  return (
    <>
      <View className="gz-card" {...a11y({ role: 'region', label: '诉求内容' })}>
        <View className="gz-complaint-head">
          <View className="gz-card-title">{view.categoryName}</View>
          <StateBadge state={view.state} overdue={view.overdue} supervised={view.supervised} />
        </View>
        <View className="gz-muted">
          编号 {view.number} · 提交于 {formatTime(view.createdAt)}
        </View>
        {view.viewerFollows ? (
          <View className="gz-notice" role="note">
            这是您关注的诉求，由其他居民提交。您可以看到办理状态和公开的进展，诉求人的描述、照片和联系方式不公开。
          </View>
        ) : null}
        {view.description ? <View className="gz-description">{view.description}</View> : null}
        {view.photoIds.length > 0 ? <PhotoStrip ids={view.photoIds} /> : null}
        <Row label="地点" value={view.location.address ? `${view.communityName} · ${view.location.address}` : `${view.communityName}（详细地址不公开）`} />
        <Row label="承办单位" value={view.unitName ?? '待派单'} />
        {view.resident ? <Row label="诉求人" value={`${view.resident.name} ${view.resident.phone}`} /> : null}
        {view.redoRounds > 0 ? <Row label="重办次数" value={String(view.redoRounds)} /> : null}
        {showDeadlines && view.ratingDueAt && view.state === 'resolved' ? <Row label="评价截止" value={formatTime(view.ratingDueAt)} /> : null}
        {showDeadlines
          ? Object.entries(view.deadlines).map(([key, at]) => (
              <Row key={key} label={DEADLINE_LABELS[key] ?? key} value={formatTime(at)} />
            ))
          : null}
        {view.rating ? (
          <Row
            label={view.rating.source === 'phone' ? '电话回访结果' : '评价'}
            value={`${SATISFACTION_LABELS[view.rating.satisfaction]}，${view.rating.resolved ? '问题已解决' : '问题未解决'}${
              view.rating.comment ? `：${view.rating.comment}` : ''
            }`}
          />
        ) : null}
      </View>
      {showDeadlines ? null : <NextStepCard view={view} />}
      <View className="gz-card">
        <View className="gz-card-title" {...a11y({ role: 'heading' })} aria-level={2}>
          办理进度
        </View>
        <Timeline events={view.timeline} />
      </View>
    </>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className="gz-row" {...a11y({ label: `${label}：${value}` })}>
      <View className="gz-muted gz-row-label">{label}</View>
      <View className="gz-row-value">{value}</View>
    </View>
  );
}

/** For the resident: what happens next, in words, and the deadline that applies now. */
function NextStepCard({ view }: { view: ComplaintView }) {
  const step = nextStepOf(view);
  return (
    <View className="gz-card gz-next-step" {...a11y({ role: 'region', label: '接下来' })}>
      <View className="gz-card-title">接下来</View>
      <View className="gz-paragraph">{step.text}</View>
      {step.due ? <Row label={step.due.label} value={formatTime(step.due.at)} /> : null}
    </View>
  );
}
