import { useState } from 'react';
import { View } from '@tarojs/components';
import type { ConfirmHoursBody } from '@gongzhi/shared';
import type { z } from 'zod';
import { toApiError } from '../../../api/errors';
import { FieldError } from '../../../components/status';
import { useFormErrors } from '../../../components/form-errors';
import { Button } from '../../../components/ui';
import { TextField } from '../../../components/text-field';
import { formatHours } from '../../../components/volunteers/format';
import { validateAdjustment } from './validate-hours';

/**
 * Confirm the computed hours as they are, or adjust them with a reason. Once confirmed, a change is a
 * correction: a new ledger entry beside the old one, never an edit.
 */
export function HoursForm({
  who,
  computedHours,
  confirmedHours,
  onConfirm,
}: {
  /** the volunteer's (masked) name, so each control on a roster says whose hours it confirms */
  who: string;
  computedHours: number;
  confirmedHours: number | null;
  onConfirm: (body: z.infer<typeof ConfirmHoursBody>) => Promise<void>;
}) {
  const [adjusting, setAdjusting] = useState(false);
  const [hours, setHours] = useState(String(confirmedHours ?? computedHours));
  const [reason, setReason] = useState('');
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const confirmed = confirmedHours !== null;
  const form = useFormErrors(() => {
    const checked = validateAdjustment(hours, reason);
    return checked.ok ? {} : checked.errors;
  });
  const { errors } = form;

  async function send(body: z.infer<typeof ConfirmHoursBody>) {
    setFormError(undefined);
    setBusy(true);
    try {
      await onConfirm(body);
      setAdjusting(false);
      setReason('');
      form.reset();
    } catch (failure) {
      setFormError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  function adjust() {
    const result = validateAdjustment(hours, reason);
    if (form.submitAttempt() && result.ok) void send(result.body);
  }

  return (
    <View className={`gz-field ${form.formClass}`}>
      <View>
        系统计算：{formatHours(computedHours)}
        {confirmed ? `；已确认：${formatHours(confirmedHours)}` : '；尚未确认'}
      </View>
      {adjusting ? (
        <>
          <TextField label={`${who}的服务时长（小时）`} name="adjustHours" maxlength={5} value={hours} error={errors.hours} onChange={setHours} />
          <TextField label={`${who}的调整原因`} name="adjustReason" maxlength={200} value={reason} error={errors.reason} onChange={setReason} />
          <View className="gz-inline-actions">
            <Button size="small" type="primary" loading={busy} disabled={busy} aria-label={`${confirmed ? '提交更正' : '按调整确认'}：${who}`} onClick={adjust}>
              {confirmed ? '提交更正' : '按调整确认'}
            </Button>
            <Button
              size="small"
              fill="outline"
              onClick={() => {
                setAdjusting(false);
                form.reset();
              }}
            >
              不调整
            </Button>
          </View>
        </>
      ) : (
        <View className="gz-inline-actions">
          {!confirmed ? (
            <Button size="small" type="primary" loading={busy} disabled={busy} aria-label={`确认时长：${who}`} onClick={() => void send({})}>
              确认时长
            </Button>
          ) : null}
          <Button size="small" fill="outline" aria-label={`${confirmed ? '更正时长' : '调整时长'}：${who}`} onClick={() => setAdjusting(true)}>
            {confirmed ? '更正时长' : '调整时长'}
          </Button>
        </View>
      )}
      <FieldError message={formError} />
    </View>
  );
}
