import { AidPostBody, cstMinute, fromCst, type AidPostDraft, type AidPostView } from '@gongzhi/shared';
import type { LocationDraft } from '../../../components/location-field';
import { fieldErrorsOf, type FieldErrors } from '../../../components/form-errors';

export interface AidFormDraft {
  kind: 'ask' | 'offer';
  category: string;
  text: string;
  photoIds: string[];
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  place: LocationDraft;
  area: string;
}

export type AidField = 'category' | 'text' | 'photoIds' | 'startsAt' | 'endsAt' | 'address' | 'point' | 'area';

/** A post its author edits, back in the form's fields (its times in China Standard Time). */
export function draftOfPost(post: AidPostView): AidFormDraft {
  const [startDate, startTime] = cstMinute(new Date(post.startsAt)).split(' ') as [string, string];
  const [endDate, endTime] = cstMinute(new Date(post.endsAt)).split(' ') as [string, string];
  return {
    kind: post.kind,
    category: post.category,
    text: post.text,
    photoIds: post.photoIds,
    startDate,
    startTime,
    endDate,
    endTime,
    place: { address: post.place?.address ?? '', lat: post.place ? String(post.place.point.lat) : '', lng: post.place ? String(post.place.point.lng) : '' },
    area: post.area,
  };
}

/** The form as the BFF's body; times in China Standard Time whatever the phone's zone. */
export function aidBodyOf(d: AidFormDraft): unknown {
  const when = (date: string, time: string) => (date && time ? fromCst(date, time).toISOString() : '');
  const number = (t: string) => (t.trim() === '' ? Number.NaN : Number(t));
  return {
    kind: d.kind,
    category: d.category,
    text: d.text.trim(),
    photoIds: d.photoIds,
    startsAt: when(d.startDate, d.startTime),
    endsAt: when(d.endDate, d.endTime),
    place: { point: { lat: number(d.place.lat), lng: number(d.place.lng) }, address: d.place.address.trim(), area: d.area.trim() },
  };
}

const MESSAGES: Partial<Record<AidField, string>> = {
  category: '请选择类别',
  text: '请写清楚需要什么帮助或能提供什么（5至500字）',
  startsAt: '请选择开始的日期和时间',
  endsAt: '请选择结束的日期和时间，应晚于开始，最长30天',
  address: '请填写详细地址（只给您接受的邻居看）',
  point: '请选择位置',
  area: '请填写大致位置，如：莲花小区3栋附近（2至30字）',
};

export function validateAidDraft(d: AidFormDraft): { ok: true; body: AidPostDraft } | { ok: false; errors: FieldErrors<AidField> } {
  const parsed = AidPostBody.safeParse(aidBodyOf(d));
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors = fieldErrorsOf<AidField>(
    parsed.error,
    (path) => {
      const [head, sub] = path;
      if (head === 'place') return sub === 'point' ? 'point' : sub === 'address' ? 'address' : 'area';
      if (head === 'category' || head === 'text' || head === 'photoIds' || head === 'startsAt' || head === 'endsAt') return head;
      return undefined;
    },
    (field, issue) => MESSAGES[field] ?? issue,
  );
  return { ok: false, errors };
}
