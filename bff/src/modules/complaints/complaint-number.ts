import { randomInt } from 'node:crypto';

/** 'GZ' + the Beijing date + 6 random digits; the unique index on `number` catches the rare clash. */
export function newComplaintNumber(at: Date): string {
  const ymd = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return `GZ${ymd}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}
