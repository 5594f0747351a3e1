import type { ErrorCode } from '@gongzhi/shared';
import { AppError } from './errors';

/**
 * The shape of every state machine's rules (complaints, proposals): per action, the states it starts
 * from, the state it leads to (none: the state stays), the roles that may take it and its
 * preconditions, each with its refusal. One table per machine; its guard (judgeAction), the buttons a
 * view offers (offeredActions) and the sweeps all read it, so a rule is written once.
 */

/** A precondition and its refusal: when it fails, HTTP 409 with the code (its message: shared/src/errors.ts). */
export interface Precondition<X> {
  holds: (x: X) => boolean;
  refusal: ErrorCode;
}

export interface ActionRule<S extends string, R extends string, X> {
  from: readonly S[];
  /** absent: the state stays (flags, notes, a count) */
  to?: S;
  roles: readonly R[];
  /** checked in order; the first that fails answers */
  requires: readonly Precondition<X>[];
  /** offered as a button to whoever may take it now */
  offered: boolean;
}

export interface Refusal {
  code: ErrorCode;
  status: 403 | 409;
  details?: unknown;
}

/**
 * Why this role may not take the action on a thing in this state, with this input (the role: 403; the
 * state: 409 with `conflict`; a precondition: 409 with its code); null: it may. A plain value, so a
 * view can ask about every action cheaply; the guard throws it (refused).
 */
export function judgeAction<S extends string, R extends string, X>(
  rule: ActionRule<S, R, X>,
  at: { state: S; role: R; input: X; conflict: ErrorCode },
): Refusal | null {
  if (!rule.roles.includes(at.role)) return { code: 'FORBIDDEN', status: 403 };
  if (!rule.from.includes(at.state)) return { code: at.conflict, status: 409, details: { state: at.state } };
  const failed = rule.requires.find((p) => !p.holds(at.input));
  return failed ? { code: failed.refusal, status: 409 } : null;
}

/** The offered actions of a table that `judge` allows now: the buttons a view shows. */
export function offeredActions<A extends string>(table: Record<A, { offered: boolean }>, judge: (action: A) => Refusal | null): A[] {
  return (Object.keys(table) as A[]).filter((action) => table[action].offered && !judge(action));
}

export const refused = (r: Refusal) => new AppError(r.code, r.status, r.details);
