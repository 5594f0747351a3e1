import type { z } from 'zod';
import type { ConfirmHoursBody } from '@gongzhi/shared';
import type { Types } from 'mongoose';
import { now } from '../../../platform/clock';
import type { AppDeps } from '../../../platform/deps';
import { AppError } from '../../../platform/errors';
import type { UserRecord } from '../../identity/user.model';
import { Attendances, type AttendanceRecord } from '../attendance/attendance.model';
import { computedHoursOf, toAttendanceView } from '../attendance/attendance-view';
import { recordStarLevel, StarHistory, starHistoryOf } from './hours-stars';
import { toHoursEntryView } from './hours-view';
import { appendHoursEntry, confirmedHoursOf, ledgerOfSignup } from './ledger.service';
import { HoursLedger, type HoursEntry } from './ledger.model';
import { attendanceOfSignup } from '../lookups';
import { requireOrganiser } from '../organisation/organiser-access';
import { Notices } from '../../notifications/notices';
import { Ratings } from '../ratings/ratings.model';
import { Shifts, type ShiftRecord } from '../shifts/shift.model';
import { Signups } from '../shifts/signup.model';

type Body = z.infer<typeof ConfirmHoursBody>;

/** The organiser confirms or corrects hours into the ledger; volunteers read theirs. */
export function createHoursService(deps: AppDeps) {
  const { conn } = deps;
  const rule = deps.config.volunteers.hoursRounding;
  // registered now, so their indexes exist before the first request (and before the outbox worker reads notices)
  for (const model of [StarHistory, Notices]) model(conn);

  async function organisedShift(user: UserRecord, shiftId: Types.ObjectId): Promise<ShiftRecord> {
    const shift = await Shifts(conn).findById(shiftId).lean<ShiftRecord>();
    if (!shift) throw new AppError('SHIFT_NOT_FOUND', 404);
    await requireOrganiser(conn, user, shift);
    return shift;
  }

  async function signupOf(shift: ShiftRecord, signupId: Types.ObjectId) {
    const signup = await Signups(conn).findOne({ _id: signupId, shiftId: shift._id }).lean();
    if (!signup) throw new AppError('SIGNUP_NOT_FOUND', 404);
    return signup;
  }

  /** What attendance gives, or null when the volunteer never checked in (the organiser may still enter hours, with a reason). */
  async function computedFor(signupId: Types.ObjectId): Promise<number | null> {
    const attendance = await attendanceOfSignup(conn, signupId);
    return attendance ? computedHoursOf(attendance, rule, now()) : null;
  }

  async function confirmHours(user: UserRecord, shiftId: Types.ObjectId, signupId: Types.ObjectId, body: Body) {
    const shift = await organisedShift(user, shiftId);
    const signup = await signupOf(shift, signupId);
    const computed = await computedFor(signup._id);
    if (computed === null && body.hours === undefined) throw new AppError('ATTENDANCE_NOT_FOUND', 404);
    const hours = body.hours ?? computed!;
    if (hours !== computed && !body.reason) throw new AppError('HOURS_REASON_REQUIRED', 400);
    const entries = await ledgerOfSignup(conn, signup._id);
    if (entries.length) throw new AppError('HOURS_ALREADY_CONFIRMED', 409);
    return append(user, shift, signup, { hours, computed: computed ?? 0, reason: body.reason }, null);
  }

  /** A correction never touches the old entry: it is a new one naming it, carrying the difference. */
  async function correctHours(user: UserRecord, shiftId: Types.ObjectId, signupId: Types.ObjectId, body: Body) {
    const shift = await organisedShift(user, shiftId);
    const signup = await signupOf(shift, signupId);
    if (body.hours === undefined || !body.reason) throw new AppError('HOURS_REASON_REQUIRED', 400);
    const entries = await ledgerOfSignup(conn, signup._id);
    const previous = entries.at(-1);
    if (!previous) throw new AppError('HOURS_NOT_CONFIRMED', 409);
    return append(user, shift, signup, { hours: body.hours, computed: previous.computedHours, reason: body.reason }, previous);
  }

  async function append(
    user: UserRecord,
    shift: ShiftRecord,
    signup: { _id: Types.ObjectId; userId: Types.ObjectId },
    e: { hours: number; computed: number; reason?: string },
    previous: HoursEntry | null,
  ) {
    const entry = await appendHoursEntry(
      conn,
      { userId: signup.userId, shiftId: shift._id, signupId: signup._id, hours: e.hours, computedHours: e.computed, confirmedBy: user._id, ...(e.reason ? { reason: e.reason } : {}) },
      previous,
    );
    const standing = await recordStarLevel(conn, signup.userId);
    return { entry: toHoursEntryView(entry), volunteer: standing };
  }

  /** The organiser's presence list: every sign-up that holds or held a seat, with attendance, ledger and rating. */
  async function presenceList(user: UserRecord, shiftId: Types.ObjectId) {
    const shift = await organisedShift(user, shiftId);
    const at = now();
    const signups = await Signups(conn).find({ shiftId: shift._id, status: { $in: ['confirmed', 'attended', 'no_show'] } }).sort({ createdAt: 1, _id: 1 }).lean();
    const attendance = new Map((await Attendances(conn).find({ shiftId: shift._id }).lean<AttendanceRecord[]>()).map((a) => [a.signupId.toString(), a]));
    const entries = await HoursLedger(conn).find({ shiftId: shift._id }).sort({ seq: 1 }).lean<HoursEntry[]>();
    const ratings = await Ratings(conn).find({ shiftId: shift._id, direction: 'of_volunteer' }).lean();
    return {
      items: signups.map((s) => {
        const id = s._id.toString();
        const mine = entries.filter((e) => e.signupId.toString() === id);
        const a = attendance.get(id);
        const r = ratings.find((x) => x.signupId.toString() === id);
        return {
          signupId: id,
          userId: s.userId.toString(),
          attendance: a ? toAttendanceView(a, rule, at) : null,
          confirmedHours: mine.at(-1)?.hours ?? null,
          entries: mine.map(toHoursEntryView),
          rating: r ? { score: r.score, comment: r.comment ?? null } : null,
        };
      }),
    };
  }

  async function myHours(user: UserRecord) {
    const entries = await HoursLedger(conn).find({ userId: user._id }).sort({ at: -1 }).limit(200).lean<HoursEntry[]>();
    return { confirmedHours: await confirmedHoursOf(conn, user._id), items: entries.map(toHoursEntryView) };
  }

  async function myStarHistory(user: UserRecord) {
    const items = await starHistoryOf(conn, user._id);
    return { items: items.map((h) => ({ stars: h.stars, reachedAt: h.reachedAt.toISOString(), confirmedHours: h.confirmedHours })) };
  }

  return { confirmHours, correctHours, presenceList, myHours, myStarHistory };
}

export type HoursService = ReturnType<typeof createHoursService>;
