import type { SignupState } from './signup.model';

/**
 * The sign-up's moves, one table (as complaints/complaint-actions.ts is for complaints): from which
 * states, to which, and who makes the move. Every writer of a sign-up's status reads its row; each
 * write is conditional on `from`, so a racing move (a cancellation against a check-in) finds the
 * sign-up moved and changes nothing. Taking a seat and promotion are the seating component's
 * (platform/seating.ts): a sign-up is born confirmed or waitlisted, and waitlisted → confirmed there.
 */
export const SIGNUP_ACTIONS = {
  /** the volunteer cancels before the cut-off, or from the waitlist at any time */
  cancel: { from: ['confirmed', 'waitlisted'], to: 'cancelled', by: 'volunteer' },
  /** the volunteer cancels a seat after the cut-off: counted as not turning up */
  cancelLate: { from: ['confirmed'], to: 'no_show', by: 'volunteer' },
  /** the volunteer checks in on site with the organiser's code */
  checkIn: { from: ['confirmed'], to: 'attended', by: 'volunteer' },
  /** the attendance sweep, after check-out closed: a seat nobody checked in on */
  markNoShow: { from: ['confirmed'], to: 'no_show', by: 'system' },
} as const satisfies Record<string, { from: readonly SignupState[]; to: SignupState; by: 'volunteer' | 'system' }>;

export type SignupAction = keyof typeof SIGNUP_ACTIONS;

/** The filter and update of one move, for a conditional updateOne on the sign-up. */
export function signupMove(action: SignupAction, set: Record<string, unknown> = {}) {
  const { from, to } = SIGNUP_ACTIONS[action];
  return {
    filter: { status: { $in: [...from] } },
    // the version still counts the sign-up's changes for its other writers
    update: { $set: { status: to, ...set }, $inc: { version: 1 } },
  };
}

/** The cancellation a volunteer's tap means now: late for a seat after the cut-off, else a plain cancel; null if neither applies. */
export function cancellationOf(status: SignupState, late: boolean): SignupAction | null {
  const action: SignupAction = late && status === 'confirmed' ? 'cancelLate' : 'cancel';
  return (SIGNUP_ACTIONS[action].from as readonly SignupState[]).includes(status) ? action : null;
}
