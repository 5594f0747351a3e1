import { ConfirmHoursBody } from '@gongzhi/shared';
import type { z } from 'zod';
import { fieldErrorsOf } from '../../../components/form-errors';

export type HoursErrors = Partial<Record<'hours' | 'reason', string>>;

/** An adjustment needs both the hours (0–24, in half hours at most) and a reason the volunteer can read. */
export function validateAdjustment(hoursText: string, reasonText: string): { ok: true; body: z.infer<typeof ConfirmHoursBody> } | { ok: false; errors: HoursErrors } {
  const errors: HoursErrors = {};
  const t = hoursText.trim();
  const hours = Number(t);
  if (!/^\d+(\.\d+)?$/.test(t) || hours > 24) errors.hours = '请填写0至24之间的小时数';
  const reason = reasonText.trim();
  if (reason.length < 2 || reason.length > 200) errors.reason = '调整时长须说明原因（2至200字）';
  if (Object.keys(errors).length) return { ok: false, errors };
  const parsed = ConfirmHoursBody.safeParse({ hours, reason });
  if (parsed.success) return { ok: true, body: parsed.data };
  return {
    ok: false,
    errors: fieldErrorsOf(
      parsed.error,
      (path) => (path[0] === 'reason' ? 'reason' : 'hours'),
      (field) => (field === 'reason' ? '调整时长须说明原因（2至200字）' : '请填写0至24之间的小时数'),
    ),
  };
}
