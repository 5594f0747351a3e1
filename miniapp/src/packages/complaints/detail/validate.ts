import { RateComplaintBody, SendBackBody, type RateComplaintBody as RateBody } from '@gongzhi/shared';
import { fieldErrorsOf } from '../../../components/form-errors';

export interface RatingDraft {
  satisfaction?: string;
  resolved?: boolean;
  comment: string;
}

type RatingField = 'satisfaction' | 'resolved' | 'comment';
export type RatingErrors = Partial<Record<RatingField, string>>;

const RATING_MESSAGES: Record<RatingField, string> = {
  satisfaction: '请选择满意程度',
  resolved: '请选择问题是否已解决',
  comment: '评价内容不超过500字',
};

/** The same schema as the BFF; an empty comment is left out rather than sent as "". */
export function validateRating(draft: RatingDraft): { ok: true; body: RateBody } | { ok: false; errors: RatingErrors } {
  const comment = draft.comment.trim();
  const parsed = RateComplaintBody.safeParse({
    satisfaction: draft.satisfaction,
    resolved: draft.resolved,
    ...(comment ? { comment } : {}),
  });
  if (parsed.success) return { ok: true, body: parsed.data };
  return { ok: false, errors: fieldErrorsOf(parsed.error, ratingFieldOf, (field) => RATING_MESSAGES[field]) };
}

function ratingFieldOf(path: readonly PropertyKey[]): RatingField | undefined {
  const key = String(path[0]);
  return key === 'satisfaction' || key === 'resolved' || key === 'comment' ? key : undefined;
}

export function validateSendBack(reason: string): { ok: true; body: { reason: string } } | { ok: false; errors: { reason?: string } } {
  const parsed = SendBackBody.safeParse({ reason });
  if (parsed.success) return { ok: true, body: parsed.data };
  return { ok: false, errors: fieldErrorsOf(parsed.error, () => 'reason' as const, () => '请说明不满意的原因，5至500字') };
}
