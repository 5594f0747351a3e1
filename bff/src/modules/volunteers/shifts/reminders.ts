import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { now as clockNow } from '../../../platform/clock';
import { recordedKeys } from '../../notifications/notices';
import { recordNotice, type NoticeKind } from '../notices';
import { shiftSeating } from './shift-seating';
import { Shifts } from './shift.model';
import { Signups } from './signup.model';

const HOUR = 3600_000;

/**
 * Reminders 48 h and 2 h before a shift (issue 4) for every confirmed volunteer. Each reminder is a
 * notice under the key `<kind>:<signupId>`, so it is recorded once however many workers run at the
 * same time or how often they run; the outbox worker delivers it. The 48-hour reminder is skipped for
 * sign-ups made inside the last two hours, where the 2-hour one says the same.
 */
const REMINDERS: Array<{ kind: NoticeKind; before: number; until: number }> = [
  { kind: 'reminder_48h', before: 48 * HOUR, until: 2 * HOUR },
  { kind: 'reminder_2h', before: 2 * HOUR, until: 0 },
];

export async function runVolunteerRemindersOnce(deps: { conn: Connection; logger?: Logger }, opts: { now?: Date } = {}): Promise<{ recorded: number; released: number }> {
  const at = (opts.now ?? clockNow()).getTime();
  // First, so that a volunteer promoted by the repair is reminded in this same run.
  const { released } = await repairShiftSeating(deps, new Date(at));
  let recorded = 0;
  for (const r of REMINDERS) {
    const shifts = await Shifts(deps.conn)
      .find({ startAt: { $gt: new Date(at + r.until), $lte: new Date(at + r.before) } }, { projectTitle: 1, startAt: 1, place: 1 })
      .lean();
    for (const shift of shifts) {
      const confirmed = await Signups(deps.conn).find({ shiftId: shift._id, status: 'confirmed' }, { userId: 1 }).lean();
      const keys = confirmed.map((s) => `${r.kind}:${s._id.toString()}`);
      const done = await recordedKeys(deps.conn, keys);
      for (const s of confirmed) {
        const key = `${r.kind}:${s._id.toString()}`;
        if (!done.has(key) && (await recordNotice(deps.conn, key, r.kind, s, shift))) recorded++;
      }
    }
  }
  if (recorded) deps.logger?.info({ recorded }, 'volunteer reminders recorded');
  return { recorded, released };
}

/**
 * A process that died between two steps of a sign-up, a cancellation or a promotion leaves a shift's
 * seating counters too high (platform/seating.ts): a seat kept empty, or a waitlist that looks longer.
 * Every shift that has not ended is recounted once it has been quiet for a while, and its free seats go
 * to the first in line (told by a notice). Running it again changes nothing.
 */
async function repairShiftSeating(deps: { conn: Connection; logger?: Logger }, at: Date): Promise<{ released: number }> {
  const seating = shiftSeating(deps.conn);
  const shifts = await Shifts(deps.conn).find({ endAt: { $gt: at } }, { _id: 1 }).lean();
  let released = 0;
  for (const shift of shifts) {
    try {
      const { recounted, promoted } = await seating.repairSeating(shift._id, at);
      released += (recounted ? 1 : 0) + promoted.length;
    } catch (err) {
      // one shift's trouble waits for the next run; the others go on
      deps.logger?.warn({ err, shiftId: shift._id.toString() }, 'shift seating repair failed');
    }
  }
  if (released) deps.logger?.info({ released }, 'shift seating: counters recounted or free seats given to the waitlist');
  return { released };
}
