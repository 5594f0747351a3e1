import type { ShiftView } from '@gongzhi/shared';
import type { Types } from 'mongoose';
import { now } from '../../platform/clock';
import { isDuplicateKeyError } from '../../platform/database';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { updateAtVersion } from '../../platform/versioned-write';
import type { UserRecord } from '../identity/user.model';
import { requireVolunteer, starsOf } from './registration.service';
import { claimSeat, claimTicket, fillVacancies, handOverSeat } from './seats';
import { findShift, type ShiftQueries } from './shift-queries';
import type { ShiftRecord } from './shift.model';
import { Signups, type SignupRecord } from './signup.model';
import type { VolunteerRecord } from './volunteer.model';

const ACTIVE = ['pending', 'confirmed', 'waitlisted'] as const;

/** Signing up for a shift and cancelling (issue 4): never overbooked, one per volunteer, no overlaps. */
export function createSignupService({ conn }: Pick<AppDeps, 'conn'>, queries: ShiftQueries) {
  const signups = Signups(conn);

  async function signUpForShift(user: UserRecord, rawShiftId: string | undefined): Promise<ShiftView> {
    const volunteer = await requireVolunteer(conn, user);
    const shift = await findShift(conn, rawShiftId);
    const at = now();
    if (at >= shift.signupDeadline || at >= shift.startAt) throw new AppError('SHIFT_SIGNUP_CLOSED', 409);
    await requireRequirementsMet(volunteer, shift);

    let signup: SignupRecord;
    try {
      signup = (
        await signups.create({ shiftId: shift._id, userId: user._id, status: 'pending', startAt: shift.startAt, endAt: shift.endAt, createdAt: at, version: 0 })
      ).toObject();
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new AppError('ALREADY_SIGNED_UP', 409);
      throw err;
    }
    await refuseOverlap(signup);

    const seat = await claimSeat(conn, shift, signup._id);
    if (seat !== null) {
      await settle(signup._id, { status: 'confirmed', seat });
    } else {
      const ticket = await claimTicket(conn, shift._id, signup._id);
      await settle(signup._id, { status: 'waitlisted', waitlistTicket: ticket });
      // A seat may have been freed between our seat attempts and the ticket.
      await fillVacancies(conn, shift);
    }
    return queries.shiftDetail(user, rawShiftId);
  }

  /** Before the cut-off a cancellation; after it (or once the shift began) a no-show. The seat goes to the first in line. */
  async function cancelSignup(user: UserRecord, rawShiftId: string | undefined): Promise<ShiftView> {
    const shift = await findShift(conn, rawShiftId);
    const at = now();
    for (let attempt = 0; attempt < 5; attempt++) {
      const signup = await signups.findOne({ shiftId: shift._id, userId: user._id }).lean();
      if (!signup || (signup.status !== 'confirmed' && signup.status !== 'waitlisted')) throw new AppError('SIGNUP_NOT_FOUND', 404);
      const late = signup.status === 'confirmed' && at >= shift.cancelCutoff;
      const done = await updateAtVersion(conn, 'volunteer_signups', signup, { status: signup.status }, {
        $set: { status: late ? 'no_show' : 'cancelled', seat: null, cancelledAt: at },
      });
      if (!done) continue; // promoted (or cancelled elsewhere) meanwhile: decide again
      if (signup.status === 'confirmed' && signup.seat && at < shift.endAt) await handOverSeat(conn, shift, signup.seat);
      return queries.shiftDetail(user, rawShiftId);
    }
    throw new AppError('INTERNAL', 503);
  }

  async function requireRequirementsMet(volunteer: VolunteerRecord, shift: ShiftRecord): Promise<void> {
    const missingSkill = shift.requiredSkills.some((s) => !volunteer.skills.includes(s));
    const stars = shift.minStars > 0 ? (await starsOf(conn, volunteer)).progress.current : 0;
    if (missingSkill || stars < shift.minStars) {
      throw new AppError('SHIFT_REQUIREMENTS_NOT_MET', 403, { requiredSkills: shift.requiredSkills, minStars: shift.minStars });
    }
  }

  /**
   * Two requests of the same volunteer for overlapping shifts can both pass a read-before-write
   * check, so the check runs after the insert and a sign-up that sees any other active overlapping
   * one withdraws. Of two racing requests the one checking last always sees the other; at worst both
   * withdraw, never both stay.
   */
  async function refuseOverlap(signup: SignupRecord): Promise<void> {
    const overlapping = await signups.exists({
      userId: signup.userId,
      _id: { $ne: signup._id },
      status: { $in: [...ACTIVE] },
      startAt: { $lt: signup.endAt },
      endAt: { $gt: signup.startAt },
    });
    if (overlapping) {
      await signups.deleteOne({ _id: signup._id, status: 'pending' });
      throw new AppError('SHIFT_OVERLAP', 409);
    }
  }

  /** A pending sign-up has one writer, the request that created it: a plain update settles it. */
  async function settle(id: Types.ObjectId, set: Partial<SignupRecord>): Promise<void> {
    await signups.updateOne({ _id: id, status: 'pending' }, { $set: set, $inc: { version: 1 } });
  }

  return { signUpForShift, cancelSignup };
}
