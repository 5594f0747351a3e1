import type { z } from 'zod';
import type { RateVolunteerBody } from '@gongzhi/shared';
import { Types, type Connection } from 'mongoose';
import { now } from '../../../platform/clock';
import { isDuplicateKeyError } from '../../../platform/database';
import type { AppDeps } from '../../../platform/deps';
import { AppError } from '../../../platform/errors';
import type { UserRecord } from '../../identity/user.model';
import { Attendances } from '../attendance/attendance.model';
import { requireOrganiser } from '../organisation/organiser-access';
import { Ratings, type RatingRecord } from './ratings.model';
import { Shifts, type ShiftRecord } from '../shifts/shift.model';
import { Signups } from '../shifts/signup.model';

type Body = z.infer<typeof RateVolunteerBody>;

/** Average of what organisers gave a volunteer, for the profile (null before the first rating). */
export async function volunteerRatingOf(conn: Connection, userId: Types.ObjectId | string) {
  return averageOf(conn, { volunteerId: typeof userId === 'string' ? new Types.ObjectId(userId) : userId, direction: 'of_volunteer' });
}

export async function shiftRatingOf(conn: Connection, shiftId: Types.ObjectId) {
  return averageOf(conn, { shiftId, direction: 'of_shift' });
}

async function averageOf(conn: Connection, match: Record<string, unknown>): Promise<{ average: number | null; count: number }> {
  // FerretDB 1.24 answers 0 for a `$sum: 1` count in $group, so the count is asked for separately.
  const [row] = await Ratings(conn).aggregate<{ sum: number }>([{ $match: match }, { $group: { _id: '$direction', sum: { $sum: '$score' } } }]);
  const count = await Ratings(conn).countDocuments(match);
  if (!row || !count) return { average: null, count: 0 };
  return { average: Math.round((row.sum / count) * 10) / 10, count };
}

export function createRatingService(deps: AppDeps) {
  const { conn } = deps;

  async function shiftOf(shiftId: Types.ObjectId): Promise<ShiftRecord> {
    const shift = await Shifts(conn).findById(shiftId).lean<ShiftRecord>();
    if (!shift) throw new AppError('SHIFT_NOT_FOUND', 404);
    return shift;
  }

  async function save(r: Omit<RatingRecord, '_id' | 'at'>) {
    try {
      const created = await Ratings(conn).create({ ...r, at: now() });
      return { score: created.score, comment: created.comment ?? null, at: created.at.toISOString() };
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new AppError('ALREADY_RATED', 409);
      throw err;
    }
  }

  /** The organiser rates a volunteer who came (checked in). */
  async function rateVolunteer(user: UserRecord, shiftId: Types.ObjectId, signupId: Types.ObjectId, body: Body) {
    const shift = await shiftOf(shiftId);
    await requireOrganiser(conn, user, shift);
    const signup = await Signups(conn).findOne({ _id: signupId, shiftId: shift._id }).lean();
    if (!signup) throw new AppError('SIGNUP_NOT_FOUND', 404);
    if (!(await Attendances(conn).exists({ signupId: signup._id }))) throw new AppError('RATING_NOT_ALLOWED', 409);
    return save({ shiftId: shift._id, signupId: signup._id, direction: 'of_volunteer', raterId: user._id, volunteerId: signup.userId, score: body.score, comment: body.comment });
  }

  /** A volunteer rates a shift they came to, once it is over (or they have checked out). */
  async function rateShift(user: UserRecord, shiftId: Types.ObjectId, body: Body) {
    const shift = await shiftOf(shiftId);
    const attendance = await Attendances(conn).findOne({ shiftId: shift._id, userId: user._id }).lean();
    if (!attendance || (!attendance.checkOutAt && now() < shift.endAt)) throw new AppError('RATING_NOT_ALLOWED', 409);
    return save({ shiftId: shift._id, signupId: attendance.signupId, direction: 'of_shift', raterId: user._id, volunteerId: user._id, score: body.score, comment: body.comment });
  }

  async function shiftRatings(user: UserRecord, shiftId: Types.ObjectId) {
    const shift = await shiftOf(shiftId);
    await requireOrganiser(conn, user, shift);
    return shiftRatingOf(conn, shift._id);
  }

  async function myRating(user: UserRecord) {
    return volunteerRatingOf(conn, user._id);
  }

  return { rateVolunteer, rateShift, shiftRatings, myRating };
}

export type RatingService = ReturnType<typeof createRatingService>;
