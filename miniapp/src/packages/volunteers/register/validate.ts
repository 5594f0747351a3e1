import { RegisterVolunteerBody } from '@gongzhi/shared';
import { fieldErrorsOf } from '../../../components/form-errors';
import type { DayPart, Skill, WeekdayValue } from '../../../components/volunteers/choices';

export interface RegisterDraft {
  skills: Skill[];
  days: WeekdayValue[];
  parts: DayPart[];
  /** the account's real name says the person is 14–17 */
  minor: boolean;
  guardianName: string;
  relation?: 'father' | 'mother' | 'guardian';
  guardianAgreed: boolean;
}

type RegisterField = 'availability' | 'guardianName' | 'relation' | 'guardianAgreed';
export type RegisterErrors = Partial<Record<RegisterField, string>>;

/**
 * The same schema as the BFF. Availability is picked as days × parts of the day; choosing only
 * one side is a half-answer, so it is asked for again. A minor's guardian consent is required here
 * too (the BFF refuses with GUARDIAN_CONSENT_REQUIRED otherwise).
 */
export function validateRegistration(draft: RegisterDraft): { ok: true; body: RegisterVolunteerBody } | { ok: false; errors: RegisterErrors } {
  const errors: RegisterErrors = {};
  if ((draft.days.length === 0) !== (draft.parts.length === 0)) errors.availability = '请同时选择可服务的日期和时段，或都不选';
  if (draft.minor) {
    const name = draft.guardianName.trim();
    if (name.length < 2 || name.length > 20) errors.guardianName = '请填写监护人姓名（2至20字）';
    if (!draft.relation) errors.relation = '请选择监护人与您的关系';
    if (!draft.guardianAgreed) errors.guardianAgreed = '未满18周岁需监护人同意';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = RegisterVolunteerBody.safeParse({
    skills: draft.skills,
    availability: draft.days.flatMap((day) => draft.parts.map((part) => ({ day, part }))),
    ...(draft.minor ? { guardianConsent: { guardianName: draft.guardianName.trim(), relation: draft.relation, agreed: true } } : {}),
  });
  if (parsed.success) return { ok: true, body: parsed.data };
  return { ok: false, errors: fieldErrorsOf(parsed.error, registerFieldOf, () => '填写内容有误，请检查') };
}

/** The guardian's answers beside their own questions; anything else the schema refuses beside the availability. */
function registerFieldOf(path: readonly PropertyKey[]): RegisterField {
  const [head, second] = path.map(String);
  if (head !== 'guardianConsent') return 'availability';
  if (second === 'guardianName' || second === 'relation') return second;
  return second === 'agreed' ? 'guardianAgreed' : 'availability';
}
