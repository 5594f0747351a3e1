import { CHECK_OUT_GRACE_MINUTES } from '@gongzhi/shared';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { now as clockNow } from '../../../platform/clock';
import { Attendances, type AttendanceRecord } from './attendance.model';
import { Signups, type SignupRecord } from '../shifts/signup.model';
import { signupMove } from '../shifts/signup-actions';

/**
 * Once check-out has closed: closes the attendances nobody checked out of (the presence counts to the
 * shift's end and the record is flagged, so the organiser looks before confirming), and records as
 * no-shows the confirmed volunteers who never checked in (issue 4: "not coming is recorded as a
 * no-show"). Safe to run in several processes, and beside the volunteers' own check-ins and check-outs:
 * each change is one conditional update from the state it was found in, and a lost race means someone
 * else made a change first (a check-out, another sweep), which is then left as it is.
 */
export async function runAttendanceSweepOnce(
  deps: { conn: Connection; logger?: Logger },
  opts: { now?: Date; batch?: number } = {},
): Promise<{ closed: number; noShows: number }> {
  const at = opts.now ?? clockNow();
  const closedBefore = new Date(at.getTime() - CHECK_OUT_GRACE_MINUTES * 60_000);
  const open = await Attendances(deps.conn)
    .find({ checkOutAt: null, shiftEndAt: { $lt: closedBefore } })
    .limit(opts.batch ?? 200)
    .lean<AttendanceRecord[]>();
  let closed = 0;
  for (const a of open) {
    const res = await Attendances(deps.conn).updateOne({ _id: a._id, checkOutAt: null }, { $set: { checkOutAt: a.shiftEndAt, closedBySweep: true } });
    if (res.modifiedCount === 1) closed++;
  }
  // check-in sets a sign-up to `attended`, so one still `confirmed` after check-out closed never came
  const absent = await Signups(deps.conn)
    .find({ status: 'confirmed', endAt: { $lt: closedBefore } })
    .limit(opts.batch ?? 200)
    .lean<SignupRecord[]>();
  let noShows = 0;
  for (const s of absent) {
    const move = signupMove('markNoShow', { noShowAt: at });
    const res = await Signups(deps.conn).updateOne({ _id: s._id, ...move.filter }, move.update);
    if (res.modifiedCount === 1) noShows++;
  }
  if (closed || noShows) deps.logger?.info({ closed, noShows }, 'attendance sweep closed missing check-outs and recorded no-shows');
  return { closed, noShows };
}
