import { ActivityDraftBody, fromCst, type ActivityDraft } from '@gongzhi/shared';
import type { LocationDraft } from '../../../components/location-field';
import { fieldErrorsOf, type FieldErrors } from '../../../components/form-errors';

export interface ActivityFormDraft {
  title: string;
  body: string;
  date: string;
  startTime: string;
  endTime: string;
  place: LocationDraft;
  capacity: string;
  deadlineDate: string;
  deadlineTime: string;
  cutoffDate: string;
  cutoffTime: string;
  audience: 'community' | 'street' | 'everyone';
  minAge: string;
  maxAge: string;
  realNameRequired: boolean;
  priceKind: 'free' | 'fee' | 'deposit';
  /** yuan as typed, e.g. 30 or 12.5 */
  amount: string;
}

export type ActivityField = 'title' | 'body' | 'startsAt' | 'endsAt' | 'address' | 'point' | 'capacity' | 'registrationDeadline' | 'cancelCutoff' | 'minAge' | 'maxAge' | 'realNameRequired' | 'price';

const when = (date: string, time: string) => (date && time ? fromCst(date, time).toISOString() : '');
const whole = (t: string) => (/^\d+$/.test(t.trim()) ? Number(t.trim()) : t.trim() === '' ? undefined : Number.NaN);

export function activityBodyOf(d: ActivityFormDraft): unknown {
  const number = (t: string) => (t.trim() === '' ? Number.NaN : Number(t));
  const minAge = whole(d.minAge);
  const maxAge = whole(d.maxAge);
  return {
    title: d.title.trim(),
    body: d.body.trim(),
    startsAt: when(d.date, d.startTime),
    endsAt: when(d.date, d.endTime),
    place: { point: { lat: number(d.place.lat), lng: number(d.place.lng) }, address: d.place.address.trim() },
    capacity: whole(d.capacity) ?? Number.NaN,
    registrationDeadline: when(d.deadlineDate, d.deadlineTime),
    cancelCutoff: when(d.cutoffDate, d.cutoffTime),
    audience: d.audience,
    ...(minAge !== undefined ? { minAge } : {}),
    ...(maxAge !== undefined ? { maxAge } : {}),
    realNameRequired: d.realNameRequired,
    price: d.priceKind === 'free' ? { kind: 'free' } : { kind: d.priceKind, amountFen: fenOf(d.amount) },
  };
}

/** Yuan as typed (at most two decimals) in whole fen; anything else is not a number. */
export function fenOf(yuan: string): number {
  const t = yuan.trim();
  return /^\d+(\.\d{1,2})?$/.test(t) ? Math.round(Number(t) * 100) : Number.NaN;
}

const MESSAGES: Partial<Record<ActivityField, string>> = {
  title: '请填写活动名称（2至60字）',
  body: '请填写活动介绍（最多5000字）',
  startsAt: '请选择活动日期和开始时间',
  endsAt: '请选择结束时间，应晚于开始时间',
  address: '请填写活动地点',
  point: '请选择位置',
  capacity: '请填写名额（1至2000的整数）',
  registrationDeadline: '请选择报名截止时间，不晚于活动开始',
  cancelCutoff: '请选择取消截止时间，不晚于活动开始',
  minAge: '年龄应为0至120的整数',
  maxAge: '年龄应为0至120的整数，且不小于最小年龄',
  realNameRequired: '限定年龄、收费或押金的活动须实名报名',
  price: '请填写金额（0.01至10000元，最多两位小数）',
};

export function validateActivityDraft(d: ActivityFormDraft): { ok: true; body: ActivityDraft } | { ok: false; errors: FieldErrors<ActivityField> } {
  const parsed = ActivityDraftBody.safeParse(activityBodyOf(d));
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors = fieldErrorsOf<ActivityField>(
    parsed.error,
    (path) => {
      const [head, sub] = path;
      if (head === 'place') return sub === 'point' ? 'point' : 'address';
      return typeof head === 'string' && head in MESSAGES ? (head as ActivityField) : undefined;
    },
    (field, issue) => MESSAGES[field] ?? issue,
  );
  return { ok: false, errors };
}
