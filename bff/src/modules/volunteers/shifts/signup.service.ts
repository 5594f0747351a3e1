import type { ShiftView } from '@gongzhi/shared';
import { now } from '../../../platform/clock';
import type { AppDeps } from '../../../platform/deps';
import { AppError } from '../../../platform/errors';
import type { UserRecord } from '../../identity/user.model';
import { requireVolunteer, starsOf } from '../registration/registration.service';
import { findShift, type ShiftQueries } from './shift-queries';
import type { ShiftRecord } from './shift.model';
import { cancellationOf, SIGNUP_ACTIONS } from './signup-actions';
import { shiftSeating } from './shift-seating';
import { shiftView } from './shift-view';
import { signupIdOf } from './signup-keys';
import { holdTime, releaseTime } from './signup-overlap';
import { Signups } from './signup.model';
import type { VolunteerRecord } from '../registration/volunteer.model';

/** Signing up for a shift and cancelling (issue 4). The seats, the waitlist and promotion are platform/seating.ts. */
export function createSignupService({ conn }: Pick<AppDeps, 'conn'>, queries: ShiftQueries) {
  const signups = Signups(conn);
  const seating = shiftSeating(conn);

  async function signUpForShift(user: UserRecord, rawShiftId: string): Promise<ShiftView> {
    const [volunteer, shift] = await Promise.all([requireVolunteer(conn, user), findShift(conn, rawShiftId)]);
    const at = now();
    // Closed after the sign-up deadline.
    if (at >= shift.signupDeadline || at >= shift.startAt) throw new AppError('SHIFT_SIGNUP_CLOSED', 409);
    // The shift's skills and star level.
    await requireRequirementsMet(volunteer, shift);
    // One sign-up per volunteer and shift: its _id is derived from both, so the second insert is refused
    // by the _id index itself (below), with nothing to read first.
    const id = signupIdOf(shift._id, user._id);
    // No overlapping commitments: of two racing requests for overlapping shifts, exactly one holds its time.
    const signup = { _id: id, shiftId: shift._id, userId: user._id, startAt: shift.startAt, endAt: shift.endAt, createdAt: at, version: 0 };
    if (!(await holdTime(conn, signup, at))) throw new AppError('SHIFT_OVERLAP', 409);
    // A seat, or the waitlist when the shift is full.
    const taken = await seating.takeSeatOrJoinWaitlist(shift._id, signup, at).catch(async (err: unknown) => {
      await releaseTime(conn, user._id, id, at).catch(() => undefined);
      throw err;
    });
    if (taken.outcome === 'duplicate') throw new AppError('ALREADY_SIGNED_UP', 409); // the time held is the existing sign-up's
    return shiftView(shift, taken.counts, { signup: taken.seat, waitlistPosition: taken.waitlistPosition });
  }

  /** Before the cut-off a cancellation; after it (a confirmed volunteer) a no-show. The seat goes to the first in line. */
  async function cancelSignup(user: UserRecord, rawShiftId: string): Promise<ShiftView> {
    const shift = await findShift(conn, rawShiftId);
    const at = now();
    const id = signupIdOf(shift._id, user._id);
    for (let attempt = 0; attempt < 3; attempt++) {
      const signup = await signups.findById(id).lean();
      const action = signup ? cancellationOf(signup.status, at >= shift.cancelCutoff) : null;
      if (!signup || !action) throw new AppError('SIGNUP_NOT_FOUND', 404);
      const left = await seating.leaveSeat(shift._id, id, signup.status as 'confirmed' | 'waitlisted', SIGNUP_ACTIONS[action].to, at, { cancelledAt: at });
      if (!left) continue; // promoted (or cancelled by a racing request) meanwhile: decide again
      await releaseTime(conn, user._id, id, at);
      return queries.shiftDetail(user, rawShiftId, { signup: left });
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

  return { signUpForShift, cancelSignup };
}
