import { CHECK_OUT_GRACE_MINUTES } from '@gongzhi/shared';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { now as clockNow } from '../../platform/clock';
import { updateAtVersion, writeAtVersion } from '../../platform/versioned-write';
import { ATTENDANCE_COLLECTION, Attendances, type AttendanceRecord } from './attendance.model';
import { Signups, type SignupRecord } from './signup.model';

/**
 * Once check-out has closed: closes the attendances nobody checked out of (the presence counts to the
 * shift's end and the record is flagged, so the organiser looks before confirming), and records as
 * no-shows the confirmed volunteers who never checked in (issue 4: "not coming is recorded as a
 * no-show"). Safe to run in several processes: each change is a versioned write, and a lost race
 * means someone else made it.
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
    if (await updateAtVersion(deps.conn, ATTENDANCE_COLLECTION, a, { checkOutAt: null }, { $set: { checkOutAt: a.shiftEndAt, closedBySweep: true } })) closed++;
  }
  // check-in sets a sign-up to `attended`, so one still `confirmed` after check-out closed never came
  const absent = await Signups(deps.conn)
    .find({ status: 'confirmed', endAt: { $lt: closedBefore } })
    .limit(opts.batch ?? 200)
    .lean<SignupRecord[]>();
  let noShows = 0;
  for (const s of absent) {
    if (await writeAtVersion(deps.conn, 'volunteer_signups', s, { $set: { status: 'no_show', noShowAt: at } }, (c) => c.status === 'confirmed')) noShows++;
  }
  if (closed || noShows) deps.logger?.info({ closed, noShows }, 'attendance sweep closed missing check-outs and recorded no-shows');
  return { closed, noShows };
}
