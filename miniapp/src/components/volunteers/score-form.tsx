import { useState } from 'react';
import { View } from '@tarojs/components';
import { RateVolunteerBody } from '@gongzhi/shared';
import type { z } from 'zod';
import { toApiError } from '../../api/errors';
import { a11y } from '../a11y';
import { FieldError } from '../status';
import { fieldClass, fieldErrorsOf, useFormErrors } from '../form-errors';
import { Button } from '../ui';
import { ChoiceGroup } from '../choice-group';
import { TextField } from '../text-field';

const SCORE_CHOICES = [
  { value: '5', label: '5分 非常好' },
  { value: '4', label: '4分 好' },
  { value: '3', label: '3分 一般' },
  { value: '2', label: '2分 较差' },
  { value: '1', label: '1分 差' },
] as const;

type Score = (typeof SCORE_CHOICES)[number]['value'];

const MESSAGES = { score: '请选择评分', comment: '评价内容不超过200字' } as const;

/** A 1–5 score with an optional comment: the organiser rating a volunteer, or a volunteer rating the shift. */
export function ScoreForm({
  title,
  name,
  submitLabel,
  onSubmit,
}: {
  title: string;
  /** distinguishes several forms on one page (the roster) */
  name: string;
  submitLabel: string;
  onSubmit: (body: z.infer<typeof RateVolunteerBody>) => Promise<void>;
}) {
  const [score, setScore] = useState<Score>();
  const [comment, setComment] = useState('');
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const parse = () => {
    const text = comment.trim();
    return RateVolunteerBody.safeParse({ score: score ? Number(score) : undefined, ...(text ? { comment: text } : {}) });
  };
  const form = useFormErrors(() => {
    const parsed = parse();
    if (parsed.success) return {};
    return fieldErrorsOf(parsed.error, (path) => (path[0] === 'comment' ? 'comment' : 'score'), (field) => MESSAGES[field]);
  });
  const { errors } = form;

  async function submit() {
    setFormError(undefined);
    const parsed = parse();
    if (!form.submitAttempt() || !parsed.success) return;
    setBusy(true);
    try {
      await onSubmit(parsed.data);
    } catch (failure) {
      setFormError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className={`gz-field ${form.formClass}`} {...a11y({ role: 'group', label: title })}>
      <View className="gz-field-label">{title}</View>
      <View className={fieldClass(errors.score, '')}>
        <ChoiceGroup label={`${title}：评分`} inline choices={SCORE_CHOICES} value={score} onChange={setScore} />
        <FieldError message={errors.score} />
      </View>
      <TextField label={`${title}：评语（选填）`} name={`${name}Comment`} maxlength={200} value={comment} error={errors.comment} onChange={setComment} />
      <FieldError message={formError} />
      <Button size="small" type="primary" loading={busy} disabled={busy} onClick={() => void submit()}>
        {submitLabel}
      </Button>
    </View>
  );
}
