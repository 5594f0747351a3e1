import { useState } from 'react';
import { View } from '@tarojs/components';
import type { RateComplaintBody } from '@gongzhi/shared';
import { SATISFACTION_LABELS, type Satisfaction } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { a11y } from '../../../components/a11y';
import { FieldError } from '../../../components/status';
import { fieldClass, useFormErrors } from '../../../components/form-errors';
import { Button } from '../../../components/ui';
import { ChoiceGroup } from '../../../components/choice-group';
import { TextField } from '../../../components/text-field';
import { validateRating, validateSendBack } from './validate';

const SATISFACTION_CHOICES = (Object.keys(SATISFACTION_LABELS) as Satisfaction[]).map((value) => ({
  value,
  label: SATISFACTION_LABELS[value],
}));
const RESOLVED_CHOICES = [
  { value: 'yes', label: '已解决' },
  { value: 'no', label: '未解决' },
] as const;

/** Rating after resolution, and — when unsatisfied and still allowed — sending it back for redo. */
export function RatingForm({
  canRate,
  canSendBack,
  onRate,
  onSendBack,
}: {
  canRate: boolean;
  canSendBack: boolean;
  onRate: (body: RateComplaintBody) => Promise<void>;
  onSendBack: (body: { reason: string }) => Promise<void>;
}) {
  const [satisfaction, setSatisfaction] = useState<Satisfaction>();
  const [resolved, setResolved] = useState<'yes' | 'no'>();
  const [comment, setComment] = useState('');
  const [sendingBack, setSendingBack] = useState(false);
  const [reason, setReason] = useState('');
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const ratingDraft = { satisfaction, resolved: resolved === undefined ? undefined : resolved === 'yes', comment };
  const rating = useFormErrors(() => {
    const checked = validateRating(ratingDraft);
    return checked.ok ? {} : checked.errors;
  });
  const { errors } = rating;
  const sendBackForm = useFormErrors(() => {
    const checked = validateSendBack(reason);
    return checked.ok ? {} : checked.errors;
  });

  async function run(action: () => Promise<void>) {
    setFormError(undefined);
    setBusy(true);
    try {
      await action();
    } catch (failure) {
      setFormError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  function rate() {
    const result = validateRating(ratingDraft);
    if (rating.submitAttempt() && result.ok) void run(() => onRate(result.body));
  }

  function sendBack() {
    const result = validateSendBack(reason);
    if (sendBackForm.submitAttempt() && result.ok) void run(() => onSendBack(result.body));
  }

  return (
    <View className="gz-card" {...a11y({ role: 'region', label: '评价办理结果' })}>
      <View className="gz-card-title">评价办理结果</View>
      {canRate ? (
        <View className={rating.formClass}>
          <View className={fieldClass(errors.satisfaction)}>
            <View className="gz-field-label">满意程度</View>
            <ChoiceGroup label="满意程度" inline choices={SATISFACTION_CHOICES} value={satisfaction} onChange={setSatisfaction} />
            <FieldError message={errors.satisfaction} />
          </View>
          <View className={fieldClass(errors.resolved)}>
            <View className="gz-field-label">问题是否已解决</View>
            <ChoiceGroup label="问题是否已解决" inline choices={RESOLVED_CHOICES} value={resolved} onChange={setResolved} />
            <FieldError message={errors.resolved} />
          </View>
          <TextField label="评价内容（选填）" name="comment" multiline value={comment} error={errors.comment} onChange={setComment} />
          <View className="gz-actions">
            <Button type="primary" block loading={busy} disabled={busy} onClick={rate}>
              提交评价
            </Button>
          </View>
        </View>
      ) : null}
      {canSendBack ? (
        sendingBack ? (
          <View className={sendBackForm.formClass}>
            <TextField
              label="退回重办的原因"
              name="sendBackReason"
              multiline
              value={reason}
              error={sendBackForm.errors.reason}
              placeholder="请说明哪里没有解决（5至500字）"
              onChange={setReason}
            />
            <View className="gz-actions">
              <Button type="danger" block loading={busy} disabled={busy} onClick={sendBack}>
                确认退回重办
              </Button>
              <Button block fill="outline" onClick={() => setSendingBack(false)}>
                取消
              </Button>
            </View>
          </View>
        ) : (
          <View className="gz-actions">
            <Button block fill="outline" onClick={() => setSendingBack(true)}>
              不满意，退回重办
            </Button>
          </View>
        )
      ) : null}
      <FieldError message={formError} />
    </View>
  );
}
