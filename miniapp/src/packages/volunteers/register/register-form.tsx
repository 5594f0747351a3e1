import { useState } from 'react';
import { View } from '@tarojs/components';
import type { RegisterVolunteerBody } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { a11y } from '../../../components/a11y';
import { FieldError } from '../../../components/status';
import { fieldClass, useFormErrors } from '../../../components/form-errors';
import { Button } from '../../../components/ui';
import { CheckGroup, CheckRow, ChoiceGroup } from '../../../components/choice-group';
import { TextField } from '../../../components/text-field';
import { DAY_PART_CHOICES, SKILL_CHOICES, WEEKDAY_CHOICES, type DayPart, type Skill, type WeekdayValue } from '../../../components/volunteers/choices';
import { validateRegistration } from './validate';

const RELATION_CHOICES = [
  { value: 'father', label: '父亲' },
  { value: 'mother', label: '母亲' },
  { value: 'guardian', label: '其他监护人' },
] as const;

/** Volunteer registration on top of the real name: skills, when one can serve, and a minor's guardian consent. */
export function RegisterForm({ minor, onSubmit }: { minor: boolean; onSubmit: (body: RegisterVolunteerBody) => Promise<void> }) {
  const [skills, setSkills] = useState<Skill[]>([]);
  const [days, setDays] = useState<WeekdayValue[]>([]);
  const [parts, setParts] = useState<DayPart[]>([]);
  const [guardianName, setGuardianName] = useState('');
  const [relation, setRelation] = useState<'father' | 'mother' | 'guardian'>();
  const [guardianAgreed, setGuardianAgreed] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const draft = { skills, days, parts, minor, guardianName, relation, guardianAgreed };
  const form = useFormErrors(() => {
    const checked = validateRegistration(draft);
    return checked.ok ? {} : checked.errors;
  });
  const { errors } = form;

  async function submit() {
    const result = validateRegistration(draft);
    if (!form.submitAttempt() || !result.ok) return;
    setFormError(undefined);
    setBusy(true);
    try {
      await onSubmit(result.body);
    } catch (failure) {
      setFormError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className={`gz-card ${form.formClass}`} {...a11y({ role: 'form', label: '志愿者注册' })}>
      <View className="gz-field">
        <View className="gz-field-label">服务技能（可多选）</View>
        <CheckGroup label="服务技能" choices={SKILL_CHOICES} values={skills} onChange={setSkills} />
      </View>
      <View className={fieldClass(errors.availability)}>
        <View className="gz-field-label">可服务时间（选填）</View>
        <CheckGroup label="可服务的日期" choices={WEEKDAY_CHOICES} values={days} onChange={setDays} />
        <CheckGroup label="可服务的时段" choices={DAY_PART_CHOICES} values={parts} onChange={setParts} />
        <FieldError message={errors.availability} />
      </View>
      {minor ? (
        <View className="gz-field" {...a11y({ role: 'group', label: '监护人同意' })}>
          <View className="gz-field-label">监护人同意</View>
          <View className="gz-muted">您未满18周岁，需由监护人同意后注册。</View>
          <TextField label="监护人姓名" name="guardianName" maxlength={20} value={guardianName} error={errors.guardianName} onChange={setGuardianName} />
          <View className={fieldClass(errors.relation, '')}>
            <View className="gz-field-label">监护人与您的关系</View>
            <ChoiceGroup label="监护人与您的关系" inline choices={RELATION_CHOICES} value={relation} onChange={setRelation} />
            <FieldError message={errors.relation} />
          </View>
          <View className={fieldClass(errors.guardianAgreed, '')}>
            <CheckRow label="监护人已知晓并同意我参加志愿服务" checked={guardianAgreed} onChange={setGuardianAgreed} />
            <FieldError message={errors.guardianAgreed} />
          </View>
        </View>
      ) : null}
      <FieldError message={formError} />
      <View className="gz-actions">
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          注册成为志愿者
        </Button>
      </View>
    </View>
  );
}
