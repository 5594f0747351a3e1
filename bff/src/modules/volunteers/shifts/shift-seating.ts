import type { Connection } from 'mongoose';
import { createSeating } from '../../../platform/seating';
import { recordNotice } from '../notices';
import { Shifts } from './shift.model';
import type { SignupRecord } from './signup.model';

/** A shift's seats are its sign-ups; whoever is promoted from the waitlist is told once. */
export function shiftSeating(conn: Connection) {
  return createSeating<SignupRecord>(conn, {
    holders: 'volunteer_shifts',
    seats: 'volunteer_signups',
    holderField: 'shiftId',
    alsoSeated: ['attended'],
    onPromoted: async (signup) => {
      const shift = await Shifts(conn).findById(signup.shiftId, { projectTitle: 1, startAt: 1, place: 1 }).lean();
      if (shift) await recordNotice(conn, `promoted:${signup._id.toString()}`, 'promoted', signup, shift);
    },
  });
}
