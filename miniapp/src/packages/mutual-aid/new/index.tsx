import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { cstDate, pageUrl } from '@gongzhi/shared';
// the page frame's styles first, before any component's (one CSS order for every page: weapp's common chunk)
import { PageShell } from '../../../components/page-shell';
import { createAidPost, listAidCategories } from '../../../api/mutual-aid';
import { ChoiceGroup } from '../../../components/choice-group';
import { fieldClass, useFormErrors } from '../../../components/form-errors';
import { LocationField } from '../../../components/location-field';
import { PhotoField, type UploadedPhoto } from '../../../components/photo-field';
import { PickerField } from '../../../components/picker-field';
import { FieldError, LoadState } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { Button } from '../../../components/ui';
import { useAction } from '../../../components/use-action';
import { useLoaded } from '../../../components/use-loaded';
import { useSubscribePrompt } from '../../../platform/subscribe';
import { validateAidDraft, type AidFormDraft } from './draft';
import '../../../components/form.css';
import '../../../components/common.css';

const KINDS = [
  { value: 'ask', label: '求助' },
  { value: 'offer', label: '帮忙 / 闲置共享' },
] as const;

/** Post an ask or an offer: category, words, photos, when, and where (exact for the helper only, rough for everyone). */
export default function NewAidPostPage() {
  const params = useRouter().params;
  const categories = useLoaded(async () => (await listAidCategories()).items.filter((c) => c.active), 'categories');
  const today = cstDate(new Date());
  const [draft, setDraft] = useState<AidFormDraft>({
    kind: params.kind === 'offer' ? 'offer' : 'ask',
    category: '',
    text: '',
    photoIds: [],
    startDate: today,
    startTime: '',
    endDate: today,
    endTime: '',
    place: { address: '', lat: '', lng: '' },
    area: '',
  });
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const action = useAction();
  const askSubscription = useSubscribePrompt('mutualAid');
  const form = useFormErrors(() => {
    const checked = validateAidDraft({ ...draft, photoIds: photos.map((p) => p.id) });
    return checked.ok ? {} : checked.errors;
  });
  const set = <K extends keyof AidFormDraft>(key: K, value: AidFormDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit() {
    if (!form.submitAttempt()) return;
    const checked = validateAidDraft({ ...draft, photoIds: photos.map((p) => p.id) });
    if (!checked.ok) return;
    void askSubscription(); // in the tap: responses and messages can then reach WeChat
    await action.run(async () => {
      const post = await createAidPost(checked.body);
      toast('已发布，邻居响应时会通知您');
      void Taro.redirectTo({ url: pageUrl('aidPost', { id: post.id }) });
    });
  }

  const errors = form.errors;
  return (
    <PageShell title={draft.kind === 'ask' ? '发布求助' : '发布帮忙'}>
      <LoadState loading={categories.loading} error={categories.error} onRetry={() => void categories.reload()} />
      {categories.value ? (
        <View className={form.formClass}>
          <View className="gz-card">
            <View className="gz-field-label">类型</View>
            <ChoiceGroup label="类型" inline choices={KINDS} value={draft.kind} onChange={(kind) => set('kind', kind)} />
            <View className={fieldClass(errors.category)}>
              <View className="gz-field-label">类别</View>
              <ChoiceGroup label="类别" inline choices={categories.value.map((c) => ({ value: c.code, label: c.name }))} value={draft.category || undefined} onChange={(v) => set('category', v)} />
              <FieldError message={errors.category} />
            </View>
            <TextField label={draft.kind === 'ask' ? '需要什么帮助' : '能提供什么帮助'} name="text" multiline maxlength={500} value={draft.text} error={errors.text} onChange={(v) => set('text', v)} />
            <PhotoField label="照片（选填，最多6张）" photos={photos} onChange={setPhotos} error={errors.photoIds} />
          </View>
          <View className="gz-card">
            <View className="gz-card-title">时间</View>
            <PickerField label="开始日期" name="startDate" mode="date" value={draft.startDate} start={today} onChange={(v) => set('startDate', v)} />
            <PickerField label="开始时间" name="startTime" mode="time" value={draft.startTime} error={errors.startsAt} onChange={(v) => set('startTime', v)} />
            <PickerField label="结束日期" name="endDate" mode="date" value={draft.endDate} start={today} onChange={(v) => set('endDate', v)} />
            <PickerField label="结束时间" name="endTime" mode="time" value={draft.endTime} error={errors.endsAt} onChange={(v) => set('endTime', v)} />
          </View>
          <View className="gz-card">
            <LocationField label="地点" value={draft.place} onChange={(place) => set('place', place)} addressError={errors.address} pointError={errors.point} />
            <View className="gz-muted">详细地址只给您接受的那位邻居看；其他人只看到下面的大致位置（约100米）。</View>
            <TextField label="大致位置（所有人可见）" name="area" maxlength={30} placeholder="如：莲花小区3栋附近" value={draft.area} error={errors.area} onChange={(v) => set('area', v)} />
          </View>
          <View className="gz-actions">
            <FieldError message={action.error} />
            <Button type="primary" block loading={action.busy} disabled={action.busy} onClick={() => void submit()}>
              发布
            </Button>
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}
