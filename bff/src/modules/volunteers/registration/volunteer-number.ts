import { randomInt } from 'node:crypto';
import { cstYear } from '@gongzhi/shared';

/** Volunteer number: GZV + year (Beijing time) + 6 random digits; the unique index settles collisions. */
export function newVolunteerNumber(at: Date): string {
  const year = cstYear(at);
  return `GZV${year}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}
