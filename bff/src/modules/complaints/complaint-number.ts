import { randomInt } from 'node:crypto';
import { cstDate } from '@gongzhi/shared';

/** 'GZ' + the Beijing date + 6 random digits; the unique index on `number` catches the rare clash. */
export function newComplaintNumber(at: Date): string {
  const ymd = cstDate(at).replaceAll('-', '');
  return `GZ${ymd}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}
