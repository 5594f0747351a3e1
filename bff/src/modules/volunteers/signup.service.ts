import type { ShiftView } from '@gongzhi/shared';
import { now } from '../../platform/clock';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import type { UserRecord } from '../identity/user.model';
import { requireVolunteer, starsOf } from './registration.service';
import { findShift, type ShiftQueries } from './shift-queries';
import type { ShiftRecord } from './shift.model';
import { finishLeave, joinShift, leaveShift, type JoinOutcome, type NewSignup } from './shift-tally';
import { shiftView } from './shift-view';
import { signupIdOf } from './signup-keys';
import { Signups, type SignupRecord } from './signup.model';
import { holdTime, releaseTime } from './signup-overlap';
import { writeAtVersion } from '../../platform/versioned-write';
import type { VolunteerRecord } from './volunteer.model';

/**
 * Signing up for a shift and cancelling (issue 4): never overbooked, one per volunteer, no overlaps.
 * Every read and write on these paths is by _id (FerretDB 1.24 reads a whole collection for any
 * other filter): the sign-up's _id comes from its shift and volunteer, the volunteer's time is one
 * document (signup-overlap.ts), the shift's seats and waitlist one tally (shift-tally.ts).
 */
export function createSignupService({ conn }: Pick<AppDeps, 'conn'>, queries: ShiftQueries) {
  const signups = Signups(conn);

  async function signUpForShift(user: UserRecord, rawShiftId: string | undefined): Promise<ShiftView> {
    const volunteer = await requireVolunteer(conn, user);
    const shift = await findShift(conn, rawShiftId);
    const at = now();
    if (at >= shift.signupDeadline || at >= shift.startAt) throw new AppError('SHIFT_SIGNUP_CLOSED', 409);
    await requireRequirementsMet(volunteer, shift);

    // The sign-up is inserted by its tally batch, already confirmed or waitlisted (shift-tally.ts); this
    // read spares an existing volunteer the work, the batch's insert is what settles a race.
    const id = signupIdOf(shift._id, user._id);
    if (await signups.exists({ _id: id })) throw new AppError('ALREADY_SIGNED_UP', 409);
    const signup: NewSignup = { _id: id, shiftId: shift._id, userId: user._id, startAt: shift.startAt, endAt: shift.endAt, createdAt: at, version: 0 };
    // Held before the sign-up exists: of two racing requests for overlapping shifts, exactly one records its time.
    if (!(await holdTime(conn, signup))) throw new AppError('SHIFT_OVERLAP', 409);
    let outcome: JoinOutcome;
    try {
      outcome = await joinShift(conn, shift, signup);
    } catch (err) {
      await releaseTime(conn, user._id, id).catch(() => undefined); // nothing was inserted: the time is free again
      throw err;
    }
    if (outcome.status === 'duplicate') throw new AppError('ALREADY_SIGNED_UP', 409); // the time is the existing sign-up's
    const settled: SignupRecord =
      outcome.status === 'confirmed' ? { ...signup, status: 'confirmed', seat: outcome.seat, waitlistTicket: null } : { ...signup, status: 'waitlisted', seat: null, waitlistTicket: outcome.ticket };
    // The counts as this sign-up's batch wrote them: no second read of the tally.
    return shiftView(shift, outcome, { signup: settled, waitlistPosition: outcome.waitlistPosition });
  }

  /**
   * Before the cut-off a cancellation; after it (or once the shift began) a no-show. The seat goes to the first in line.
   * The sign-up is written first, then the tally: when the tally's part fails (its batch, the process), the
   * answer is 503 and cancelling again finishes it, as the volunteer worker's repair does (shift-tally.ts).
   */
  async function cancelSignup(user: UserRecord, rawShiftId: string | undefined): Promise<ShiftView> {
    const shift = await findShift(conn, rawShiftId);
    const at = now();
    const id = signupIdOf(shift._id, user._id);
    for (let attempt = 0; attempt < 5; attempt++) {
      const signup = await signups.findById(id).lean();
      if (signup && (signup.status === 'cancelled' || signup.status === 'no_show')) {
        // cancelled already: only a leave the tally has not seen yet is left to do
        if (!(await finishLeaving(signup, () => finishLeave(conn, shift, signup._id, at)))) throw new AppError('SIGNUP_NOT_FOUND', 404);
        return queries.shiftDetail(user, rawShiftId, { shift, signup });
      }
      if (!signup || (signup.status !== 'confirmed' && signup.status !== 'waitlisted')) throw new AppError('SIGNUP_NOT_FOUND', 404);
      const late = signup.status === 'confirmed' && at >= shift.cancelCutoff;
      const left: SignupRecord = { ...signup, status: late ? 'no_show' : 'cancelled', seat: null, cancelledAt: at };
      const done = await writeAtVersion(conn, 'volunteer_signups', signup, { $set: { status: left.status, seat: null, cancelledAt: at } }, (s) => s.status === signup.status);
      if (!done) continue; // promoted (or cancelled elsewhere) meanwhile: decide again
      await finishLeaving(left, () => leaveShift(conn, shift, signup, at).then(() => true));
      return queries.shiftDetail(user, rawShiftId, { shift, signup: left });
    }
    throw new AppError('INTERNAL', 503);
  }

  /** Frees the volunteer's time and the sign-up's place in the shift; 503 (try again) when the tally's part fails. */
  async function finishLeaving(signup: SignupRecord, leave: () => Promise<boolean>): Promise<boolean> {
    await releaseTime(conn, signup.userId, signup._id);
    try {
      return await leave();
    } catch (err) {
      throw new AppError('INTERNAL', 503, undefined, { cause: err });
    }
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
