import { RateComplaintBody, SendBackBody, type RateComplaintBody as RateBody } from '@gongzhi/shared';

export interface RatingDraft {
  satisfaction?: string;
  resolved?: boolean;
  comment: string;
}

export type RatingErrors = Partial<Record<'satisfaction' | 'resolved' | 'comment', string>>;

const RATING_MESSAGES = {
  satisfaction: '请选择满意程度',
  resolved: '请选择问题是否已解决',
  comment: '评价内容不超过500字',
} as const;

/** The same schema as the BFF; an empty comment is left out rather than sent as "". */
export function validateRating(draft: RatingDraft): { ok: true; body: RateBody } | { ok: false; errors: RatingErrors } {
  const comment = draft.comment.trim();
  const parsed = RateComplaintBody.safeParse({
    satisfaction: draft.satisfaction,
    resolved: draft.resolved,
    ...(comment ? { comment } : {}),
  });
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors: RatingErrors = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0]) as keyof RatingErrors;
    if (key in RATING_MESSAGES) errors[key] = RATING_MESSAGES[key];
  }
  return { ok: false, errors };
}

export function validateSendBack(reason: string): { ok: true; body: { reason: string } } | { ok: false; error: string } {
  const parsed = SendBackBody.safeParse({ reason });
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, error: '请说明不满意的原因，5至500字' };
}
