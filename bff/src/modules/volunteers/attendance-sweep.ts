import { CHECK_OUT_GRACE_MINUTES } from '@gongzhi/shared';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { now as clockNow } from '../../platform/clock';
import { updateAtVersion } from '../../platform/versioned-write';
import { ATTENDANCE_COLLECTION, Attendances, type AttendanceRecord } from './attendance.model';

/**
 * Closes the attendances nobody checked out of, once check-out has closed: the presence counts to the
 * shift's end and the record is flagged, so the organiser looks before confirming. Safe to run in
 * several processes: each close is a versioned write, and a lost race means someone else closed it.
 */
export async function runAttendanceSweepOnce(deps: { conn: Connection; logger?: Logger }, opts: { now?: Date; batch?: number } = {}): Promise<{ closed: number }> {
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
  if (closed) deps.logger?.info({ closed }, 'attendance sweep closed missing check-outs');
  return { closed };
}
