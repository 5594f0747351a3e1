import { cstFields } from './time';
/**
 * Resident identity card number (居民身份证号码), GB 11643-1999.
 * 6-digit region code, 8-digit birth date, 3-digit sequence (odd = male), 1 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** First two digits of valid province-level codes (GB/T 2260), incl. 71 Taiwan, 81/82 HK/Macau. */
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

export type IdNumberError = 'ID_NUMBER_INVALID' | 'ID_NUMBER_BAD_DATE' | 'ID_NUMBER_BAD_REGION';

export interface ParsedIdNumber {
  /** normalised: upper-case X */
  idNumber: string;
  regionCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'male' | 'female';
}

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export function parseIdNumber(
  raw: string,
  today: Date,
): { ok: true; value: ParsedIdNumber } | { ok: false; error: IdNumberError } {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, error: 'ID_NUMBER_INVALID' };
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, error: 'ID_NUMBER_INVALID' };
  const regionCode = id.slice(0, 6);
  if (!PROVINCE_PREFIXES.has(regionCode.slice(0, 2)) || regionCode.slice(2) === '0000') {
    return { ok: false, error: 'ID_NUMBER_BAD_REGION' };
  }
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  if (!real || y < 1900 || date.getTime() > today.getTime()) {
    return { ok: false, error: 'ID_NUMBER_BAD_DATE' };
  }
  const sex = Number(id[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value: { idNumber: id, regionCode, birthDate: id.slice(6, 10) + '-' + id.slice(10, 12) + '-' + id.slice(12, 14), sex } };
}

/** Full years of age on `today` (China Standard Time calendar day), from YYYY-MM-DD. */
export function ageOn(birthDate: string, today: Date): number {
  const local = cstFields(today); // the calendar day residents live by
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  let age = local.getUTCFullYear() - by;
  const beforeBirthday =
    local.getUTCMonth() + 1 < bm || (local.getUTCMonth() + 1 === bm && local.getUTCDate() < bd);
  if (beforeBirthday) age -= 1;
  return age;
}

/** Age rules (PRODUCT.md; PIPL art. 31): under 14 refused, 14–17 a minor. */
export const MIN_REGISTRATION_AGE = 14;
export const ADULT_AGE = 18;
