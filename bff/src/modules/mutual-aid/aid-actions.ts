import type { AidAction, ErrorCode } from '@gongzhi/shared';
import { judgeAction, offeredActions, type ActionRule, type Refusal } from '../../platform/action-table';
import type { StoredAidState } from './aid-store';

/** Who someone is to a post: its author, the accepted helper, a neighbour who responded, any other neighbour, or staff. */
export type AidRole = 'author' | 'helper' | 'responder' | 'neighbour' | 'staff';

/** What the rules look at besides the state and the role. */
export interface AidFacts {
  /** the two have blocked each other (either way) */
  blocked: boolean;
  /** a minor, in a category not open to minors */
  minorBarred: boolean;
  suspended: boolean;
  /** accept: the one named has responded */
  responded: boolean;
  /** rate: this person has rated already */
  rated: boolean;
  /** complete / confirm: the hours fit the post's time window */
  hoursFit: boolean;
  /** share_phone / withhold_phone: this side shows the other its phone number now */
  phoneShared: boolean;
}

const holds = (test: (f: AidFacts) => boolean, refusal: ErrorCode) => ({ holds: test, refusal });
const notSuspended = holds((f) => !f.suspended, 'AID_SUSPENDED');
const notBlocked = holds((f) => !f.blocked, 'AID_BLOCKED');

/** The one table of a mutual-aid post's life: every guard, button and sweep reads it. */
export const AID_ACTIONS: Record<AidAction, ActionRule<StoredAidState, AidRole, AidFacts>> = {
  edit: { from: ['open'], roles: ['author'], requires: [notSuspended], offered: true },
  close: { from: ['open'], to: 'closed', roles: ['author'], requires: [], offered: true },
  respond: {
    from: ['open'], roles: ['neighbour'],
    requires: [notSuspended, notBlocked, holds((f) => !f.minorBarred, 'AID_MINOR_CATEGORY')], offered: true,
  },
  accept: { from: ['open'], to: 'accepted', roles: ['author'], requires: [notSuspended, holds((f) => f.responded, 'AID_NOT_RESPONDED'), notBlocked], offered: false },
  message: { from: ['accepted', 'done', 'confirmed'], roles: ['author', 'helper'], requires: [notSuspended], offered: true },
  share_phone: { from: ['accepted', 'done', 'confirmed'], roles: ['author', 'helper'], requires: [holds((f) => !f.phoneShared, 'AID_STATE_CONFLICT')], offered: true },
  withhold_phone: { from: ['accepted', 'done', 'confirmed'], roles: ['author', 'helper'], requires: [holds((f) => f.phoneShared, 'AID_STATE_CONFLICT')], offered: true },
  complete: { from: ['accepted'], to: 'done', roles: ['helper'], requires: [holds((f) => f.hoursFit, 'AID_HOURS_TOO_MANY')], offered: true },
  confirm: { from: ['done'], to: 'confirmed', roles: ['author'], requires: [holds((f) => f.hoursFit, 'AID_HOURS_TOO_MANY')], offered: true },
  rate: { from: ['confirmed'], roles: ['author', 'helper'], requires: [holds((f) => !f.rated, 'AID_ALREADY_RATED')], offered: true },
  report: { from: ['open', 'accepted', 'done', 'confirmed', 'closed', 'expired'], roles: ['neighbour', 'responder', 'helper'], requires: [], offered: true },
};

const CONFLICT: Partial<Record<AidAction, ErrorCode>> = { respond: 'AID_NOT_OPEN', accept: 'AID_ALREADY_ACCEPTED' };

/** Why this person may not take the action now, or null. A responder counts as a neighbour for everything but responding again. */
export function judgeAid(action: AidAction, state: StoredAidState, role: AidRole, facts: AidFacts): Refusal | null {
  const asRole = role === 'responder' && action !== 'respond' && action !== 'report' ? 'neighbour' : role;
  if (action === 'respond' && role === 'author') return { code: 'AID_OWN_POST', status: 409 };
  if (action === 'respond' && role === 'responder') return { code: 'AID_ALREADY_RESPONDED', status: 409 };
  if (action === 'report' && role === 'author') return { code: 'FORBIDDEN', status: 403 };
  return judgeAction(AID_ACTIONS[action], { state, role: asRole, input: facts, conflict: CONFLICT[action] ?? 'AID_STATE_CONFLICT' });
}

/** The buttons this person sees now. */
export function offeredAid(state: StoredAidState, role: AidRole, facts: AidFacts): AidAction[] {
  return offeredActions(AID_ACTIONS, (action) => judgeAid(action, state, role, facts));
}
