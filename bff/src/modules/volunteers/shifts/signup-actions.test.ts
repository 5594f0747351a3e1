import { cancellationOf, SIGNUP_ACTIONS, signupMove } from './signup-actions';

describe('the sign-up action table', () => {
  it('when a volunteer cancels, then a seat before the cut-off or a waitlist place is cancelled, a seat after it is a no-show, and a finished sign-up cannot be cancelled', () => {
    expect(cancellationOf('confirmed', false)).toBe('cancel');
    expect(cancellationOf('waitlisted', true)).toBe('cancel');
    expect(cancellationOf('confirmed', true)).toBe('cancelLate');
    expect(SIGNUP_ACTIONS.cancelLate.to).toBe('no_show');
    for (const done of ['cancelled', 'no_show', 'attended'] as const) expect(cancellationOf(done, false)).toBeNull();
  });

  it('when a move is written, then it is conditional on the states it may leave and counts the change', () => {
    expect(signupMove('checkIn')).toEqual({ filter: { status: { $in: ['confirmed'] } }, update: { $set: { status: 'attended' }, $inc: { version: 1 } } });
  });
});
