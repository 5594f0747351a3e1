import { CreateProjectBody, CreateShiftBody, cstIso, fromCst } from '@gongzhi/shared';
import type { z } from 'zod';
import { fieldErrorsOf } from '../../../components/form-errors';
import type { Skill } from '../../../components/volunteers/choices';

export interface ShiftDraft {
  title: string;
  description: string;
  address: string;
  lat: string;
  lng: string;
  radiusM: string;
  /** YYYY-MM-DD, China Standard Time */
  date: string;
  /** HH:mm; an end at or before the start means the next day */
  startTime: string;
  endTime: string;
  capacity: string;
  skills: Skill[];
  minStars: string;
  /** sign-up closes this many hours before the start (0: at the start) */
  deadlineHours: string;
  /** cancelling later than this many hours before the start counts as a no-show */
  cutoffHours: string;
}

export type ShiftField = keyof ShiftDraft | 'point';
export type ShiftErrors = Partial<Record<ShiftField, string>>;

export interface ShiftSubmission {
  project: z.infer<typeof CreateProjectBody>;
  shift: z.infer<typeof CreateShiftBody>;
  /** the end falls on the next day */
  overnight: boolean;
}

const HOUR = 3600_000;

/** An instant written in China Standard Time with its offset, as the contract's datetimes are. */
export function chinaIso(ms: number): string {
  return cstIso(ms);
}

function chinaMs(date: string, time: string): number {
  return fromCst(date, time).getTime();
}

function wholeNumber(text: string, min: number, max: number): number | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  return n >= min && n <= max ? n : undefined;
}

function hoursValue(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return n <= 720 ? n : undefined;
}

/** A project and its first shift from the organiser's form, checked against the same schemas as the BFF. */
export function validateShift(draft: ShiftDraft, communityId: string): { ok: true; value: ShiftSubmission } | { ok: false; errors: ShiftErrors } {
  const errors: ShiftErrors = {};
  const title = draft.title.trim();
  const description = draft.description.trim();
  const address = draft.address.trim();
  if (title.length < 2 || title.length > 60) errors.title = '请填写项目名称（2至60字）';
  if (description.length < 2 || description.length > 2000) errors.description = '请填写服务内容（2至2000字）';
  if (address.length < 2) errors.address = '请填写服务地点的地址';
  const lat = Number(draft.lat);
  const lng = Number(draft.lng);
  if (!draft.lat.trim() || !draft.lng.trim() || !Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
    errors.point = '请选择服务地点的位置';
  }
  const radiusM = wholeNumber(draft.radiusM, 20, 2000);
  if (radiusM === undefined) errors.radiusM = '签到范围为20至2000米';
  const dateOk = /^\d{4}-\d{2}-\d{2}$/.test(draft.date.trim()) && !Number.isNaN(chinaMs(draft.date.trim(), '00:00'));
  if (!dateOk) errors.date = '日期格式为 年-月-日，例如 2026-12-01';
  const timeOk = (t: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(t.trim());
  if (!timeOk(draft.startTime)) errors.startTime = '开始时间格式为 时:分，例如 09:00';
  if (!timeOk(draft.endTime)) errors.endTime = '结束时间格式为 时:分，例如 11:30';
  const capacity = wholeNumber(draft.capacity, 1, 500);
  if (capacity === undefined) errors.capacity = '名额为1至500人';
  const minStars = wholeNumber(draft.minStars, 0, 5);
  if (minStars === undefined) errors.minStars = '星级要求为0至5';
  const deadlineHours = hoursValue(draft.deadlineHours);
  if (deadlineHours === undefined) errors.deadlineHours = '请填写开始前多少小时截止报名（0表示开始时截止）';
  const cutoffHours = hoursValue(draft.cutoffHours);
  if (cutoffHours === undefined) errors.cutoffHours = '请填写开始前多少小时之后取消记为未到岗';
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const start = chinaMs(draft.date.trim(), draft.startTime.trim());
  let end = chinaMs(draft.date.trim(), draft.endTime.trim());
  const overnight = end <= start;
  if (overnight) end += 24 * HOUR;
  const project = CreateProjectBody.safeParse({ communityId, title, description });
  const shift = CreateShiftBody.safeParse({
    place: { point: { lat, lng }, address, radiusM },
    startAt: chinaIso(start),
    endAt: chinaIso(end),
    capacity,
    requiredSkills: draft.skills,
    minStars,
    signupDeadline: chinaIso(start - deadlineHours! * HOUR),
    cancelCutoff: chinaIso(start - cutoffHours! * HOUR),
  });
  if (project.success && shift.success) return { ok: true, value: { project: project.data, shift: shift.data, overnight } };
  // what the checks above let through but the BFF's schemas refuse: named beside the field it came from
  const issues = [...(project.error?.issues ?? []), ...(shift.error?.issues ?? [])];
  return { ok: false, errors: fieldErrorsOf(issues, shiftFieldOf, () => '填写内容有误，请检查') };
}

const FIELD_OF_BODY_KEY: Record<string, ShiftField> = {
  description: 'description',
  startAt: 'startTime',
  endAt: 'endTime',
  capacity: 'capacity',
  requiredSkills: 'skills',
  minStars: 'minStars',
  signupDeadline: 'deadlineHours',
  cancelCutoff: 'cutoffHours',
};

function shiftFieldOf(path: readonly PropertyKey[]): ShiftField {
  const [head, second] = path.map(String);
  if (head === 'place') return second === 'address' ? 'address' : second === 'radiusM' ? 'radiusM' : 'point';
  return FIELD_OF_BODY_KEY[head ?? ''] ?? 'title';
}
