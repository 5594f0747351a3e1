import { randomBytes } from 'node:crypto';
import { idCheckChar } from '@gongzhi/shared';

/** A GB 11643 ID number born `yearsAgo` years ago (minus a day); the check character is computed, not hard-coded. */
export function idNumberAged(yearsAgo: number, opts: { region?: string; sequence?: string } = {}): string {
  const birth = new Date();
  birth.setUTCFullYear(birth.getUTCFullYear() - yearsAgo);
  birth.setUTCDate(birth.getUTCDate() - 1);
  const yyyymmdd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  return withCheckChar(`${opts.region ?? '110105'}${yyyymmdd}${opts.sequence ?? randomSequence()}`);
}

export function withCheckChar(first17: string): string {
  return first17 + idCheckChar(first17);
}

/** A mobile number unlikely to repeat within a run. */
export function phoneNumber(): string {
  return '139' + String(randomBytes(4).readUInt32BE() % 100_000_000).padStart(8, '0');
}

/** A fresh simulator phone code; `issuedAgoMs` back-dates it (codes live five minutes). */
export function phoneCode(phone: string, issuedAgoMs?: number): string {
  const nonce = randomBytes(4).toString('hex');
  return issuedAgoMs === undefined ? `phone:${phone}:${nonce}` : `phone:${phone}:${nonce}:${Date.now() - issuedAgoMs}`;
}

function randomSequence(): string {
  return String(randomBytes(2).readUInt16BE() % 1000).padStart(3, '0');
}
