import { z } from 'zod';
import { checkGeofence, isCheckInOpen, isCheckOutOpen, QR_PERIOD_SECONDS, type AttendanceBody, type AttendanceView } from '@gongzhi/shared';
import type { Types } from 'mongoose';
import { now } from '../../../platform/clock';
import { isDuplicateKeyError } from '../../../platform/database';
import type { AppDeps } from '../../../platform/deps';
import { AppError } from '../../../platform/errors';
import type { UserRecord } from '../../identity/user.model';
import { Attendances, type AttendanceRecord } from './attendance.model';
import { issueQrToken, verifyQrToken, type QrPurpose } from '../../../platform/rotating-qr';
import { toAttendanceView } from './attendance-view';
import { requireOrganiser } from '../organisation/organiser-access';
import { Shifts, type ShiftRecord } from '../shifts/shift.model';
import { attendanceOfSignup } from '../lookups';
import { signupIdOf } from '../shifts/signup-keys';
import { Signups } from '../shifts/signup.model';
import { signupMove } from '../shifts/signup-actions';

type Position = z.infer<typeof AttendanceBody>['position'];

/** On site: the organiser's rotating code, check-in and check-out with the code and the geofence. */
export function createAttendanceService(deps: AppDeps) {
  const { conn, config } = deps;
  const rule = config.volunteers.hoursRounding;
  const key = config.secrets.qrKey;

  async function shiftOf(shiftId: Types.ObjectId): Promise<ShiftRecord> {
    const shift = await Shifts(conn).findById(shiftId).lean<ShiftRecord>();
    if (!shift) throw new AppError('SHIFT_NOT_FOUND', 404);
    return shift;
  }

  /** Until the middle of the shift the code checks people in; after it, out (late arrivals ask for check_in explicitly). */
  async function showQrCode(user: UserRecord, shiftId: Types.ObjectId, purpose?: QrPurpose) {
    const shift = await shiftOf(shiftId);
    await requireOrganiser(conn, user, shift);
    const at = now();
    const middle = (shift.startAt.getTime() + shift.endAt.getTime()) / 2;
    const chosen = purpose ?? (at.getTime() < middle ? 'check_in' : 'check_out');
    const code = issueQrToken(key, shift._id.toString(), chosen, at);
    return { token: code.token, expiresAt: code.expiresAt.toISOString(), purpose: chosen, periodSeconds: QR_PERIOD_SECONDS };
  }

  function requireInside(shift: ShiftRecord, position: Position) {
    const fence = checkGeofence({ center: shift.place.point, radiusM: shift.place.radiusM, position });
    if (!fence.inside) throw new AppError('OUT_OF_GEOFENCE', 400, { distanceM: fence.distanceM, radiusM: shift.place.radiusM });
    return { ...position, distanceM: fence.distanceM };
  }

  async function checkIn(user: UserRecord, shiftId: Types.ObjectId, body: z.infer<typeof AttendanceBody>): Promise<AttendanceView> {
    const shift = await shiftOf(shiftId);
    const at = now();
    verifyQrToken(key, body.token, { subjectId: shift._id.toString(), purpose: 'check_in', at });
    const signup = await Signups(conn).findById(signupIdOf(shift._id, user._id)).lean();
    if (!signup || !['confirmed', 'attended'].includes(signup.status)) throw new AppError('SIGNUP_NOT_FOUND', 404);
    if (!isCheckInOpen(at, shift)) throw new AppError('CHECK_IN_NOT_OPEN', 409);
    const checkInPosition = requireInside(shift, body.position);
    let record: AttendanceRecord;
    try {
      record = (
        await Attendances(conn).create({
          _id: signup._id, // one attendance per sign-up, found by _id (lookups.ts)
          signupId: signup._id,
          shiftId: shift._id,
          userId: user._id,
          shiftStartAt: shift.startAt,
          shiftEndAt: shift.endAt,
          checkInAt: at,
          checkIn: checkInPosition,
          checkOutAt: null,
          closedBySweep: false,
        })
      ).toObject();
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new AppError('ALREADY_CHECKED_IN', 409);
      throw err;
    }
    await markAttended(signup);
    return toAttendanceView(record, rule, at);
  }

  /** The sign-up shows 'attended' from the check-in on; a concurrent change of the sign-up (a cancellation) wins and is left alone. */
  async function markAttended(signup: { _id: Types.ObjectId; status: string }) {
    if (signup.status === 'attended') return;
    const move = signupMove('checkIn');
    await Signups(conn).updateOne({ _id: signup._id, ...move.filter }, move.update);
  }

  async function checkOut(user: UserRecord, shiftId: Types.ObjectId, body: z.infer<typeof AttendanceBody>): Promise<AttendanceView> {
    const shift = await shiftOf(shiftId);
    const at = now();
    const { issuedAt } = verifyQrToken(key, body.token, { subjectId: shift._id.toString(), purpose: 'check_out', at });
    const attendance = await attendanceOfSignup(conn, signupIdOf(shift._id, user._id));
    if (!attendance) throw new AppError('NOT_CHECKED_IN', 409);
    if (attendance.checkOutAt) throw new AppError(attendance.closedBySweep ? 'CHECK_OUT_CLOSED' : 'ALREADY_CHECKED_OUT', 409);
    // A check-out code seen before the check-in (a photo passed round at the start) proves no presence at the end.
    if (issuedAt.getTime() <= attendance.checkInAt.getTime()) throw new AppError('QR_INVALID', 400);
    if (!isCheckOutOpen(at, shift)) throw new AppError('CHECK_OUT_CLOSED', 409);
    const set = { checkOutAt: at, checkOut: requireInside(shift, body.position) };
    // closes it only if still open: a concurrent check-out or the sweep may have closed it a moment ago
    const closed = await Attendances(conn).findOneAndUpdate({ _id: attendance._id, checkOutAt: null }, { $set: set }, { returnDocument: 'after' }).lean<AttendanceRecord>();
    if (closed) return toAttendanceView(closed, rule, at);
    const current = await Attendances(conn).findById(attendance._id, { closedBySweep: 1 }).lean();
    throw new AppError(current?.closedBySweep ? 'CHECK_OUT_CLOSED' : 'ALREADY_CHECKED_OUT', 409);
  }

  return { showQrCode, checkIn, checkOut };
}

export type AttendanceService = ReturnType<typeof createAttendanceService>;
