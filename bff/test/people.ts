import { randomBytes } from 'node:crypto';
import { idCheckChar } from '@gongzhi/shared';

/** Real district codes, so a test resident's region parses like a real one. */
const REGIONS = ['110101', '110105', '110108', '310101', '310104', '330106', '440303', '440304', '440305', '440306', '440307', '510104'];

/**
 * A GB 11643 ID number of someone who is `yearsAgo` years old today: born that many years ago and 1–300
 * days more (so the birthday has passed and the age holds), in a random district with a random sequence,
 * so that the many residents of one test file never share a number (3.6 million combinations per age).
 * The check character is computed, not hard-coded.
 */
export function idNumberAged(yearsAgo: number, opts: { region?: string; sequence?: string } = {}): string {
  const birth = new Date();
  birth.setUTCFullYear(birth.getUTCFullYear() - yearsAgo);
  birth.setUTCDate(birth.getUTCDate() - 1 - randomBelow(300));
  const yyyymmdd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const region = opts.region ?? REGIONS[randomBelow(REGIONS.length)]!;
  return withCheckChar(`${region}${yyyymmdd}${opts.sequence ?? randomSequence()}`);
}

function randomBelow(n: number): number {
  return randomBytes(4).readUInt32BE() % n;
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
  return String(randomBelow(1000)).padStart(3, '0');
}
