/**
 * Masks personal data in text that is about to be made public (Open311, followers' views): mobile
 * and landline numbers, ID numbers, bank-card-like digit runs and e-mail addresses. Full-width digits
 * and separators (spaces, dashes, dots) inside a number are seen through. The mask keeps the text
 * readable: 【已隐去手机号】 etc. Deliberately eager: a long digit run that is none of these is masked too.
 */
const MASKS = {
  email: '【已隐去邮箱】',
  idNumber: '【已隐去证件号】',
  mobile: '【已隐去手机号】',
  landline: '【已隐去电话】',
  digits: '【已隐去号码】',
} as const;

/** Full-width digits and the marks numbers are written with (０-９, Ｘ, ｘ, ＋, －, ＠) → ASCII; other full-width punctuation stays. */
function halfWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF38\uFF58\uFF0B\uFF0D\uFF20]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

// A digit not preceded/followed by another digit (Chinese text around a number is fine: 电话13812345678联系).
const SEP = '[\\s\\-.]?';
const MOBILE = new RegExp(`(?<!\\d)(?:(?:\\+|00)?86${SEP})?1[3-9]\\d(?:${SEP}\\d){8}(?!\\d)`, 'g');
const ID_18 = /(?<!\d)[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])/g;
const ID_15 = /(?<!\d)[1-9]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?!\d)/g;
// 010-12345678, 0755 8888 9999, (021)12345678, 12345678 with an area code; extension optional
const LANDLINE = new RegExp(`(?<!\\d)(?:\\(?0\\d{2,3}\\)?${SEP})\\d{3,4}${SEP}\\d{4}(?:${SEP}(?:转|ext\\.?|-)${SEP}?\\d{1,6})?(?!\\d)`, 'gi');
// 8-digit local numbers written without area code after a phone word: 电话 8888 6666
const LOCAL_AFTER_WORD = /((?:电话|座机|手机|联系|tel|phone)[:：\s]*)\d{3,4}[\s-]?\d{4}(?!\d)/gi;
// Bank cards (16–19 digits, often in groups of four): before landlines, which would take a group out of the middle
const LONG_RUN = /(?<!\d)\d(?:[\s-]?\d){12,}(?!\d)/g;
// any other long digit run (≥ 9 digits, separators allowed)
const DIGIT_RUN = /(?<!\d)\d(?:[\s-]?\d){8,}(?!\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

export function redactPersonalData(text: string): string {
  return halfWidth(text)
    .replace(EMAIL, MASKS.email)
    .replace(ID_18, MASKS.idNumber)
    .replace(MOBILE, MASKS.mobile)
    .replace(ID_15, MASKS.idNumber)
    .replace(LONG_RUN, MASKS.digits)
    .replace(LANDLINE, MASKS.landline)
    .replace(LOCAL_AFTER_WORD, (_m, word: string) => word + MASKS.landline)
    .replace(DIGIT_RUN, MASKS.digits);
}

/** ~100 m: three decimals of a degree of latitude is 111 m (and less for longitude away from the equator). */
export function roundCoordinate(deg: number): number {
  return Math.round(deg * 1000) / 1000;
}
