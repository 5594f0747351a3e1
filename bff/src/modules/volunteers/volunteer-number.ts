import { randomInt } from 'node:crypto';

/** Volunteer number: GZV + year (Beijing time) + 6 random digits; the unique index settles collisions. */
export function newVolunteerNumber(at: Date): string {
  const year = new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
  return `GZV${year}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}
