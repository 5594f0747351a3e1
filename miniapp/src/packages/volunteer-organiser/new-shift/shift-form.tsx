import { useState } from 'react';
import { View } from '@tarojs/components';
import { toApiError } from '../../../api/errors';
import { a11y } from '../../../components/a11y';
import { FieldError } from '../../../components/status';
import { useFormErrors } from '../../../components/form-errors';
import { Button } from '../../../components/ui';
import { LocationField } from '../../../components/location-field';
import { TextField } from '../../../components/text-field';
import { CheckGroup } from '../../../components/choice-group';
import { SKILL_CHOICES } from '../../../components/volunteers/choices';
import { todayInChina } from '../../../components/volunteers/dates';
import { PickerField } from '../../../components/picker-field';
import { validateShift, type ShiftDraft, type ShiftSubmission } from './validate';

const EMPTY: Omit<ShiftDraft, 'date'> = {
  title: '',
  description: '',
  address: '',
  lat: '',
  lng: '',
  radiusM: '200',
  startTime: '09:00',
  endTime: '11:00',
  capacity: '10',
  skills: [],
  minStars: '0',
  deadlineHours: '0',
  cutoffHours: '2',
};

/** A project and its shift: what, where (point, address, check-in radius), when, how many, who may come. */
/** `initial`: fields filled in already (a mutual-aid ask passed to volunteers brings its words, place and time). */
export function ShiftForm({ communityId, onSubmit, initial = {} }: { communityId: string; onSubmit: (value: ShiftSubmission) => Promise<void>; initial?: Partial<ShiftDraft> }) {
  const [draft, setDraft] = useState<ShiftDraft>(() => ({ ...EMPTY, date: todayInChina(), ...initial }));
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(() => {
    const checked = validateShift(draft, communityId);
    return checked.ok ? {} : checked.errors;
  });
  const { errors } = form;
  const set = (changes: Partial<ShiftDraft>) => setDraft((current) => ({ ...current, ...changes }));
  const text = (key: keyof ShiftDraft, label: string, opts: { hint?: string; placeholder?: string; maxlength?: number; multiline?: boolean } = {}) => (
    <TextField
      label={label}
      name={key}
      value={draft[key] as string}
      error={errors[key]}
      maxlength={opts.maxlength ?? 60}
      hint={opts.hint}
      placeholder={opts.placeholder}
      multiline={opts.multiline}
      onChange={(value) => set({ [key]: value })}
    />
  );

  async function submit() {
    const result = validateShift(draft, communityId);
    if (!form.submitAttempt() || !result.ok) return;
    setFormError(undefined);
    setBusy(true);
    try {
      await onSubmit(result.value);
    } catch (failure) {
      setFormError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className={`gz-card ${form.formClass}`} {...a11y({ role: 'form', label: '发布志愿服务班次' })}>
      {text('title', '项目名称', { placeholder: '如：敬老院陪伴' })}
      {text('description', '服务内容', { multiline: true, maxlength: 2000 })}
      <LocationField
        label="服务地点"
        value={{ address: draft.address, lat: draft.lat, lng: draft.lng }}
        addressError={errors.address}
        pointError={errors.point}
        onChange={(place) => set(place)}
      />
      {text('radiusM', '签到范围（米）', { hint: '志愿者须在服务地点这个距离内才能签到', maxlength: 4 })}
      <PickerField label="日期" name="date" mode="date" value={draft.date} start={todayInChina()} error={errors.date} onChange={(date) => set({ date })} />
      <View className="gz-two-columns">
        <PickerField label="开始时间" name="startTime" mode="time" value={draft.startTime} error={errors.startTime} onChange={(startTime) => set({ startTime })} />
        <PickerField
          label="结束时间"
          name="endTime"
          mode="time"
          value={draft.endTime}
          error={errors.endTime}
          hint="早于开始时间表示次日结束"
          onChange={(endTime) => set({ endTime })}
        />
      </View>
      {text('capacity', '名额（人）', { maxlength: 3 })}
      <View className="gz-field">
        <View className="gz-field-label">技能要求（可多选，不选为不限）</View>
        <CheckGroup label="技能要求" choices={SKILL_CHOICES} values={draft.skills} onChange={(skills) => set({ skills })} />
      </View>
      {text('minStars', '最低星级（0为不限）', { maxlength: 1 })}
      {text('deadlineHours', '报名截止：开始前（小时）', { hint: '0表示开始时截止', maxlength: 5 })}
      {text('cutoffHours', '取消截止：开始前（小时）', { hint: '此后取消记为未到岗', maxlength: 5 })}
      <FieldError message={formError} />
      <View className="gz-actions">
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          发布班次
        </Button>
      </View>
    </View>
  );
}
