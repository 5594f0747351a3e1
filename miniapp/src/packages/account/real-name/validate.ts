import {
  MIN_REGISTRATION_AGE,
  RealNameBody,
  ageOn,
  messageForCode,
  parseIdNumber,
} from '@gongzhi/shared';
import { fieldErrorsOf } from '../../../components/form-errors';

export interface RealNameDraft {
  name: string;
  idNumber: string;
  communityId: string;
  consent: boolean;
  /** phone-number code from WeChat, or on H5 the stand-in's code made from the typed number */
  phoneCode?: string;
}

export type RealNameField = 'name' | 'idNumber' | 'phone' | 'communityId' | 'consent';
export type FieldErrors = Partial<Record<RealNameField, string>>;

export const PHONE_PATTERN = /^1\d{10}$/;

/**
 * The same zod schema the BFF validates with, then the ID-number rules for a precise message
 * (check digit, birth date, region, age) instead of the schema's generic one.
 */
export function validateRealName(
  draft: RealNameDraft,
  consentVersion: string,
  today: Date,
): { ok: true; body: RealNameBody } | { ok: false; errors: FieldErrors } {
  const parsed = RealNameBody.safeParse({
    name: draft.name,
    idNumber: draft.idNumber,
    phoneCode: draft.phoneCode ?? '',
    communityId: draft.communityId,
    consentVersion,
  });
  const errors: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error, fieldOf, messageFor);
  if (!errors.idNumber) {
    const id = parseIdNumber(draft.idNumber, today);
    if (!id.ok) errors.idNumber = messageForCode(id.error);
    else if (ageOn(id.value.birthDate, today) < MIN_REGISTRATION_AGE) errors.idNumber = messageForCode('AGE_UNDER_14');
  }
  if (!draft.consent) errors.consent = '请阅读并同意隐私政策';
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: { ...parsed.data, idNumber: parsed.data.idNumber.toUpperCase() } };
}

function fieldOf(path: readonly PropertyKey[]): RealNameField | undefined {
  const key = String(path[0]);
  if (key === 'phoneCode') return 'phone';
  if (key === 'consentVersion') return 'consent';
  if (key === 'name' || key === 'idNumber' || key === 'communityId') return key;
  return undefined;
}

function messageFor(field: RealNameField, schemaMessage: string): string {
  if (field === 'communityId') return '请选择所在社区';
  if (field === 'phone') return '请先获取手机号';
  // the shared schema's messages for name and ID number are already in Chinese
  return schemaMessage;
}

/** Server refusals that belong next to one field rather than above the button. */
export const FIELD_OF_ERROR_CODE: Record<string, RealNameField> = {
  ID_NUMBER_INVALID: 'idNumber',
  ID_NUMBER_BAD_DATE: 'idNumber',
  ID_NUMBER_BAD_REGION: 'idNumber',
  AGE_UNDER_14: 'idNumber',
  ID_ALREADY_REGISTERED: 'idNumber',
  PHONE_CODE_INVALID: 'phone',
  COMMUNITY_NOT_FOUND: 'communityId',
  CONSENT_VERSION_OUTDATED: 'consent',
};
