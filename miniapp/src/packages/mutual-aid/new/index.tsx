import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { AID_RULES, cstDate, pageUrl } from '@gongzhi/shared';
// the page frame's styles first, before any component's (one CSS order for every page: weapp's common chunk)
import { PageShell } from '../../../components/page-shell';
import { createAidPost, getAidPost, listAidCategories, updateAidPost } from '../../../api/mutual-aid';
import { downloadPhoto } from '../../../api/uploads';
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
import { draftOfPost, validateAidDraft, type AidFormDraft } from './draft';
import '../../../components/form.css';
import '../../../components/common.css';

const KINDS = [
  { value: 'ask', label: '求助' },
  { value: 'offer', label: '帮忙 / 闲置共享' },
] as const;

/**
 * Post an ask or an offer: category, words, photos, when, and where (exact for the helper only, rough
 * for everyone). With `id`, its author edits it, until someone is accepted.
 */
export default function NewAidPostPage() {
  const params = useRouter().params;
  const editing = params.id;
  const categories = useLoaded(async () => (await listAidCategories()).items.filter((c) => c.active), 'categories');
  const existing = useLoaded(async () => (editing ? getAidPost(editing) : null), `post:${editing ?? ''}`);
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
  // editing: the post's fields, and its photos fetched for their thumbnails
  const post = existing.value;
  useEffect(() => {
    if (!post) return;
    setDraft(draftOfPost(post));
    let cancelled = false;
    void Promise.all(post.photoIds.map(async (id) => ({ id, path: await downloadPhoto(id).catch(() => '') }))).then((list) => {
      if (!cancelled) setPhotos(list);
    });
    return () => {
      cancelled = true;
    };
  }, [post]);
  const set = <K extends keyof AidFormDraft>(key: K, value: AidFormDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit() {
    if (!form.submitAttempt()) return;
    const checked = validateAidDraft({ ...draft, photoIds: photos.map((p) => p.id) });
    if (!checked.ok) return;
    void askSubscription(); // in the tap: responses and messages can then reach WeChat
    await action.run(async () => {
      if (editing) {
        await updateAidPost(editing, checked.body);
        toast('已保存修改');
        // back to the post, which reads itself again when shown; opened on its own, the post replaces the form
        if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
        else void Taro.redirectTo({ url: pageUrl('aidPost', { id: editing }) });
        return;
      }
      const saved = await createAidPost(checked.body);
      toast('已发布，邻居响应时会通知您');
      void Taro.redirectTo({ url: pageUrl('aidPost', { id: saved.id }) });
    });
  }

  const errors = form.errors;
  return (
    <PageShell title={`${editing ? '修改' : '发布'}${draft.kind === 'ask' ? '求助' : '帮忙'}`}>
      <LoadState loading={categories.loading || existing.loading} error={categories.error ?? existing.error} onRetry={() => void (categories.error ? categories.reload() : existing.reload())} />
      {post && !post.viewer.actions.includes('edit') ? <View className="gz-notice">已有邻居帮忙或已结束，不能再修改。</View> : null}
      {categories.value && existing.value !== undefined && (!post || post.viewer.actions.includes('edit')) ? (
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
            <PhotoField label={`照片（选填，最多${AID_RULES.maxPostPhotos}张）`} max={AID_RULES.maxPostPhotos} photos={photos} onChange={setPhotos} error={errors.photoIds} />
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
              {editing ? '保存修改' : '发布'}
            </Button>
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}
