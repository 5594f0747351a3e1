import type { Connection, Types } from 'mongoose';
import { Attendances, type AttendanceRecord } from './attendance/attendance.model';
import { Volunteers, type VolunteerRecord } from './registration/volunteer.model';

/**
 * Lookups by `_id`, because FerretDB 1.24 answers only an exact `{_id}` filter from an index and
 * reads the whole collection for anything else. A volunteer's `_id` is their user id, an
 * attendance's `_id` is its sign-up's; records written before that rule are still found by the old
 * filter, only when the `_id` lookup misses.
 */
export async function volunteerOf(conn: Connection, userId: Types.ObjectId): Promise<VolunteerRecord | null> {
  return (
    (await Volunteers(conn).findById(userId).lean<VolunteerRecord>()) ?? (await Volunteers(conn).findOne({ userId }).lean<VolunteerRecord>())
  );
}

export async function attendanceOfSignup(conn: Connection, signupId: Types.ObjectId): Promise<AttendanceRecord | null> {
  return (
    (await Attendances(conn).findById(signupId).lean<AttendanceRecord>()) ??
    (await Attendances(conn).findOne({ signupId }).lean<AttendanceRecord>())
  );
}
