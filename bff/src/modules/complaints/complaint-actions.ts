import { COMPLAINT_RULES, COMPLAINT_STATES, COMPLAINT_TRANSITIONS, type ComplaintAction, type ComplaintState } from '@gongzhi/shared';
import { judgeAction, type ActionRule as TableRule, type Precondition as TablePrecondition, type Refusal } from '../../platform/action-table';
import { SYSTEM_ACTOR_LABEL, type Actor } from './complaint-access';
import { OPEN_STATES, type ActorRole, type ComplaintRecord, type DeadlineName } from './complaint.model';

/**
 * THE complaint rules: every action anyone (or the deadline sweep, as the `system` actor) takes on a
 * complaint, with the states it starts from, the state it leads to (none: flags only, the state
 * stays), the roles that may take it and the preconditions it needs, each with its refusal. The
 * state moves' from/to/roles are the shared contract (COMPLAINT_TRANSITIONS, shared/src/complaints.ts).
 * transition() enforces this table before its one conditional write (which pins the complaint's
 * version, so the rules it checked still hold when it writes); allowedActions() (complaint-view.ts)
 * offers what it allows; the deadline sweep acts through transition() as SYSTEM_ACTOR, for its
 * flags too. Scope (whose complaint it is) is the actor's, complaint-access.ts. A new state machine
 * (sign-ups, activities, mutual aid) gets a table of this shape.
 */

/** The deadline sweep: no person, shown as 系统 on the timeline. */
export interface SystemActor {
  id: null;
  role: 'system';
  label: string;
  scope: Record<string, never>;
}
export const SYSTEM_ACTOR: SystemActor = { id: null, role: 'system', label: SYSTEM_ACTOR_LABEL, scope: {} };

/** Who takes an action: a person at a desk (complaint-access.ts) or the system. */
export type MoveActor = Actor | SystemActor;

/** What a precondition reads: the complaint as loaded, who acts, when, and what the action was asked with. */
export interface RuleInput {
  c: ComplaintRecord;
  actor: MoveActor;
  at: Date;
  /** appeal: which decision the unit appeals (absent: any, as when offering the button) */
  appealKind?: AppealKind;
  /** overdue: the step whose deadline the sweep found passed */
  step?: DeadlineName;
  /** escalate: the level the sweep counted (overdueLevel, deadline-sweep.ts) */
  level?: number;
}

/** A precondition and its refusal: a conflict with the complaint as it stands (409 with the code). */
export type Precondition = TablePrecondition<RuleInput>;

/** A row of the table (platform/action-table.ts); follow is offered by the similar-complaints page, the sweep's flags to no one. */
export type ActionRule = TableRule<ComplaintState, ActorRole, RuleInput>;

export type AppealKind = 'rating' | 'assignment';

/** The states from which a unit may appeal its assignment (派单申诉); a rating only once rated. */
export const APPEALABLE_ASSIGNMENT: readonly ComplaintState[] = ['dispatched', 'reopened', 'signed', 'in_progress', 'resolved', 'rated'];
const APPEALABLE: Record<AppealKind, readonly ComplaintState[]> = { rating: ['rated'], assignment: APPEALABLE_ASSIGNMENT };
const appealKinds = (kind: AppealKind | undefined): AppealKind[] => (kind ? [kind] : ['rating', 'assignment']);

const ratingWindowOpen: Precondition = { holds: ({ c, at }) => Boolean(c.ratingDueAt && c.ratingDueAt > at), refusal: 'RATING_WINDOW_CLOSED' };
const noPendingAppeal: Precondition = { holds: ({ c }) => c.appeal?.status !== 'pending', refusal: 'APPEAL_ALREADY_FILED' };

/**
 * While a complaint is in one of these states, the deadline's step is still to be done, so a passed
 * deadline flags it overdue (the sweep's `overdue` and `escalate` below).
 */
export const STEP_OPEN_IN: Record<DeadlineName, readonly ComplaintState[]> = {
  dispatch: ['submitted', 'accepted', 'returned'],
  sign: ['dispatched', 'reopened'],
  firstContact: ['dispatched', 'reopened', 'signed'],
  resolve: ['dispatched', 'reopened', 'signed', 'in_progress'],
};
const STEPS = Object.keys(STEP_OPEN_IN) as DeadlineName[];
const CLOCKED_STATES: readonly ComplaintState[] = [...new Set(STEPS.flatMap((s) => STEP_OPEN_IN[s]))];
const DAY_MS = 86_400_000;
const time = (d: Date | string | null | undefined) => (d ? new Date(d).getTime() : NaN);
/** A flag the sweep found due is no longer due (someone acted, or another sweeper came first): 409, the pass moves on. */
const stillDue = (holds: Precondition['holds']): Precondition => ({ holds, refusal: 'COMPLAINT_STATE_CONFLICT' });

/** A state move of the shared contract, with this side's preconditions. */
const move = (action: ComplaintAction, requires: Precondition[] = []): ActionRule => ({ ...COMPLAINT_TRANSITIONS[action], requires, offered: true });

export const COMPLAINT_ACTIONS = {
  accept: move('accept'),
  reject: move('reject'),
  dispatch: move('dispatch'),
  sign: move('sign'),
  return: move('return'),
  recordContact: move('recordContact'),
  resolve: move('resolve'),
  /** within the rating window (7 days from resolution) */
  rate: move('rate', [ratingWindowOpen]),
  /** "不满意退回重办": at most maxRedoRounds in all, within the rating window, once per resolution */
  sendBack: move('sendBack', [
    { holds: ({ c }) => c.redoRounds < COMPLAINT_RULES.maxRedoRounds, refusal: 'REDO_LIMIT_REACHED' },
    ratingWindowOpen,
    { holds: ({ c }) => !c.sentBackThisRound, refusal: 'COMPLAINT_STATE_CONFLICT' },
  ]),
  /** 满意度回访: only once the resident's rating window has passed without a rating */
  recordPhoneCallback: move('recordPhoneCallback', [
    { holds: ({ c, at }) => Boolean(c.ratingDueAt && c.ratingDueAt <= at), refusal: 'COMPLAINT_STATE_CONFLICT' },
  ]),
  /** by the dispatch centre, or by the system once the appeal window has passed (deadline-sweep.ts); never over a pending appeal */
  close: move('close', [noPendingAppeal]),
  /** 督办: a flag and a note on work still open */
  supervise: { from: [...OPEN_STATES, 'resolved'], roles: ['dispatcher'], requires: [], offered: true },
  /** 申诉 within 3 working days of the rating or of the dispatch; one pending appeal at a time */
  appeal: {
    from: APPEALABLE_ASSIGNMENT,
    roles: ['unit_staff', 'community_staff'],
    requires: [
      noPendingAppeal,
      { holds: ({ c, appealKind }) => appealKinds(appealKind).some((k) => APPEALABLE[k].includes(c.state)), refusal: 'COMPLAINT_STATE_CONFLICT' },
      {
        holds: ({ c, at, appealKind }) => appealKinds(appealKind).some((k) => APPEALABLE[k].includes(c.state) && Boolean(c.appealDueAt?.[k] && c.appealDueAt[k]! > at)),
        refusal: 'APPEAL_WINDOW_CLOSED',
      },
    ],
    offered: true,
  },
  /** upheld: the complaint leaves the assessment; dismissed: it counts */
  ruleOnAppeal: { from: COMPLAINT_STATES, roles: ['dispatcher'], requires: [{ holds: ({ c }) => c.appeal?.status === 'pending', refusal: 'NO_PENDING_APPEAL' }], offered: true },
  /** following someone else's open complaint instead of filing a twin (intake.service.ts checks the same-problem rule first) */
  follow: {
    from: OPEN_STATES,
    roles: ['resident'],
    requires: [
      { holds: ({ c, actor }) => !(actor.id && c.residentId.equals(actor.id)), refusal: 'OWN_COMPLAINT' },
      { holds: ({ c, actor }) => !(actor.id && (c.followerIds ?? []).some((f) => f.equals(actor.id!))), refusal: 'ALREADY_FOLLOWING' },
    ],
    offered: false,
  },
  /*
   * The deadline sweep's flags (deadline-sweep.ts), taken by the system only and never offered:
   * they change no state, only flags, the timeline and the notifications.
   */
  /** a step's deadline passed with the step undone: overdue, level at least 1 */
  overdue: {
    from: CLOCKED_STATES,
    roles: ['system'],
    requires: [stillDue(({ c, at, step }) => Boolean(step && STEP_OPEN_IN[step].includes(c.state) && !c.overdue?.[step] && time(c.deadlines?.[step]) <= at.getTime()))],
    offered: false,
  },
  /** an overdue step stayed undone for another full length of its deadline: one level up */
  escalate: {
    from: CLOCKED_STATES,
    roles: ['system'],
    requires: [stillDue(({ c, level }) => STEPS.some((s) => c.overdue?.[s] && STEP_OPEN_IN[s].includes(c.state)) && (level ?? 0) > (c.overdue?.level ?? 0))],
    offered: false,
  },
  /** one day before the resident's rating window ends */
  remindRating: {
    from: ['resolved'],
    roles: ['system'],
    requires: [stillDue(({ c, at }) => time(c.ratingDueAt) > at.getTime() && time(c.ratingDueAt) <= at.getTime() + DAY_MS)],
    offered: false,
  },
  /** the rating window closed unrated: the dispatch centre calls back */
  callbackDue: { from: ['resolved'], roles: ['system'], requires: [stillDue(({ c, at }) => time(c.ratingDueAt) <= at.getTime())], offered: false },
} as const satisfies Record<string, ActionRule>;

export type ComplaintActionName = keyof typeof COMPLAINT_ACTIONS;

export type { Refusal } from '../../platform/action-table';
export { refused } from '../../platform/action-table';

/**
 * Why this actor may not take this action on the complaint as loaded (the role: 403; the state or a
 * precondition: 409); null: they may. Scope is checked before, by the read (404). A plain value, so
 * that allowedActions() can ask about every action cheaply; transition() throws it as an AppError.
 */
export function refusalOf(action: ComplaintActionName, x: RuleInput): Refusal | null {
  const rule: ActionRule = COMPLAINT_ACTIONS[action];
  return judgeAction(rule, { state: x.c.state, role: x.actor.role, input: x, conflict: 'COMPLAINT_STATE_CONFLICT' });
}
