import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { cstDate, pageUrl } from '@gongzhi/shared';
// the page frame's styles first (one CSS order for every page: weapp's common chunk)
import { PageShell } from '../../../components/page-shell';
import { createActivity } from '../../../api/activities';
import { ChoiceGroup, SwitchRow } from '../../../components/choice-group';
import { useFormErrors } from '../../../components/form-errors';
import { LocationField } from '../../../components/location-field';
import { PickerField } from '../../../components/picker-field';
import { FieldError } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { Button } from '../../../components/ui';
import { useAction } from '../../../components/use-action';
import { validateActivityDraft, type ActivityFormDraft } from './draft';
import { PhotoField, type UploadedPhoto } from '../../../components/photo-field';
import '../../../components/form.css';
import '../../../components/common.css';

const PRICE_KINDS: Array<{ value: 'free' | 'fee' | 'deposit'; label: string }> = [
  { value: 'free', label: '免费' },
  { value: 'fee', label: '收费' },
  { value: 'deposit', label: '押金' },
];
const AUDIENCES = [
  { value: 'community', label: '本社区居民' },
  { value: 'street', label: '全街道居民' },
  { value: 'everyone', label: '所有人' },
] as const;

/** A party committee drafts an activity; it opens as a preview on the management page, to be published from there. */
export default function NewActivityPage() {
  const today = cstDate(new Date());
  const [draft, setDraft] = useState<ActivityFormDraft>({
    title: '', body: '', date: today, startTime: '', endTime: '', place: { address: '', lat: '', lng: '' }, capacity: '',
    deadlineDate: today, deadlineTime: '', cutoffDate: today, cutoffTime: '', audience: 'community', minAge: '', maxAge: '', realNameRequired: true, priceKind: 'free', amount: '',
  });
  const action = useAction();
  const form = useFormErrors(() => {
    const checked = validateActivityDraft(draft);
    return checked.ok ? {} : checked.errors;
  });
  const [cover, setCover] = useState<UploadedPhoto[]>([]);
  const set = <K extends keyof ActivityFormDraft>(key: K, value: ActivityFormDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit() {
    if (!form.submitAttempt()) return;
    const checked = validateActivityDraft(draft);
    if (!checked.ok) return;
    await action.run(async () => {
      const a = await createActivity({ ...checked.body, ...(cover[0] ? { coverId: cover[0].id } : {}) });
      toast('草稿已保存，请预览后发布');
      void Taro.redirectTo({ url: pageUrl('activityManage', { id: a.id }) });
    });
  }

  const errors = form.errors;
  return (
    <PageShell title="发布活动">
      <View className={form.formClass}>
        <View className="gz-card">
          <TextField label="活动名称" name="title" maxlength={60} value={draft.title} error={errors.title} onChange={(v) => set('title', v)} />
          <PhotoField label="封面图片（选填）" max={1} photos={cover} onChange={setCover} />
          <TextField
            label="活动介绍"
            name="body"
            multiline
            maxlength={5000}
            hint="空一行分段；以“## ”开头的一行是小标题，以“- ”开头的几行是列表"
            value={draft.body}
            error={errors.body}
            onChange={(v) => set('body', v)}
          />
        </View>
        <View className="gz-card">
          <View className="gz-card-title">时间和名额</View>
          <PickerField label="活动日期" name="date" mode="date" value={draft.date} start={today} onChange={(v) => set('date', v)} />
          <PickerField label="开始时间" name="startTime" mode="time" value={draft.startTime} error={errors.startsAt} onChange={(v) => set('startTime', v)} />
          <PickerField label="结束时间" name="endTime" mode="time" value={draft.endTime} error={errors.endsAt} onChange={(v) => set('endTime', v)} />
          <TextField label="名额" name="capacity" type="number" maxlength={4} value={draft.capacity} error={errors.capacity} onChange={(v) => set('capacity', v)} />
          <PickerField label="报名截止日期" name="deadlineDate" mode="date" value={draft.deadlineDate} start={today} onChange={(v) => set('deadlineDate', v)} />
          <PickerField label="报名截止时间" name="deadlineTime" mode="time" value={draft.deadlineTime} error={errors.registrationDeadline} onChange={(v) => set('deadlineTime', v)} />
          <PickerField label="取消截止日期" name="cutoffDate" mode="date" value={draft.cutoffDate} start={today} onChange={(v) => set('cutoffDate', v)} />
          <PickerField label="取消截止时间" name="cutoffTime" mode="time" value={draft.cutoffTime} error={errors.cancelCutoff} onChange={(v) => set('cutoffTime', v)} />
        </View>
        <View className="gz-card">
          <LocationField label="活动地点" value={draft.place} onChange={(place) => set('place', place)} addressError={errors.address} pointError={errors.point} />
        </View>
        <View className="gz-card">
          <View className="gz-card-title">面向</View>
          <ChoiceGroup label="面向" inline choices={AUDIENCES} value={draft.audience} onChange={(v) => set('audience', v)} />
          <TextField label="最小年龄（选填）" name="minAge" type="number" maxlength={3} value={draft.minAge} error={errors.minAge} onChange={(v) => set('minAge', v)} />
          <TextField label="最大年龄（选填）" name="maxAge" type="number" maxlength={3} value={draft.maxAge} error={errors.maxAge} onChange={(v) => set('maxAge', v)} />
          <SwitchRow label="须实名报名" checked={draft.realNameRequired} onChange={(v) => set('realNameRequired', v)} />
          <FieldError message={errors.realNameRequired} />
        </View>
        <View className="gz-card">
          <View className="gz-card-title">费用</View>
          <ChoiceGroup label="费用" inline choices={PRICE_KINDS} value={draft.priceKind} onChange={(v) => set('priceKind', v)} />
          {draft.priceKind !== 'free' ? (
            <TextField label={draft.priceKind === 'fee' ? '报名费（元）' : '押金（元，签到后退还）'} name="amount" maxlength={8} value={draft.amount} error={errors.price} onChange={(v) => set('amount', v)} />
          ) : null}
          <View className="gz-muted">收费和押金通过微信支付收取；报名后名额保留15分钟待支付，取消截止前取消或活动取消全额退款，押金在签到后退还。</View>
        </View>
        <View className="gz-actions">
          <FieldError message={action.error} />
          <Button type="primary" block loading={action.busy} disabled={action.busy} onClick={() => void submit()}>
            保存并预览
          </Button>
        </View>
      </View>
    </PageShell>
  );
}
