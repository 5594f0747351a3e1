import type { mongo } from 'mongoose';
import { PROPOSAL_RULES, type ProposalAction } from '@gongzhi/shared';
import { refused } from '../../platform/action-table';
import { SETTLE_AFTER_MS } from '../../platform/ballot-box';
import { now } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { PROPOSAL_MOVES, proposalRefusal, type ProposalRole } from './proposal-actions';
import type { Announcement, ProposalRecord, ProposalStore } from './proposal-store';

const TAKES_SUPPORTS: readonly string[] = PROPOSAL_MOVES.support.from;

export interface MoveSpec {
  id: mongo.BSON.ObjectId;
  action: ProposalAction;
  /** the roles the actor holds toward this proposal (proposalRoles); the system: ['system'] */
  roles: readonly ProposalRole[];
  actorId: mongo.BSON.ObjectId | null;
  at?: Date;
  /** fields to set; a function when they depend on the proposal as it stands */
  set?: Record<string, unknown> | ((p: ProposalRecord) => Promise<Record<string, unknown>> | Record<string, unknown>);
  push?: Record<string, unknown>;
  /** a notice to the author and supporters, recorded with the move and addressed after it (proposal-notices.ts) */
  announce?: Announcement['kind'];
}

/**
 * Every change of a proposal's state or answer by a move of the table (proposal-actions.ts): one
 * conditional update. The proposal is read, judged by the table, and written with its state and
 * version in the filter, so the judgement still holds when it writes (two supports reaching the
 * threshold at once move it once; an answer and a withdrawal cannot both land). The state, the
 * timeline entry and the announcement are one write. A miss: read, judge again, a few times.
 * The support count alone changes outside this ($inc, proposals.service.ts): it is no state.
 */
export async function move(store: ProposalStore, spec: MoveSpec): Promise<ProposalRecord> {
  const at = spec.at ?? now();
  const rule = PROPOSAL_MOVES[spec.action];
  for (let attempt = 0; attempt < 4; attempt++) {
    const p = await store.proposals().findOne({ _id: spec.id });
    if (!p) throw new AppError('PROPOSAL_NOT_FOUND', 404);
    const refusal = proposalRefusal(spec.action, spec.roles, { p, at });
    if (refusal) throw refused(refusal);
    const to = 'to' in rule ? rule.to : undefined;
    const set = {
      ...(typeof spec.set === 'function' ? await spec.set(p) : spec.set),
      ...(to ? { state: to, listed: to !== 'withdrawn' } : {}),
      // it takes no more supports: once none can still be in flight, its count is checked (proposal-sweep.ts)
      ...(to && !TAKES_SUPPORTS.includes(to) ? { settleSupportsAfter: new Date(at.getTime() + SETTLE_AFTER_MS) } : {}),
    };
    const announcement: Announcement | undefined = spec.announce ? { key: `proposal-${spec.announce}:${p._id.toHexString()}:${p.version + 1}`, kind: spec.announce, at } : undefined;
    const updated = await store.proposals().findOneAndUpdate(
      { _id: p._id, state: p.state, version: p.version },
      {
        $set: { ...set, ...(announcement ? { announcing: true } : {}) },
        $push: {
          ...spec.push,
          events: { action: spec.action, from: p.state, to: to ?? null, at, actorId: spec.actorId },
          ...(announcement ? { announcements: announcement } : {}),
        } as mongo.PushOperator<ProposalRecord>,
        $inc: { version: 1 },
      },
      { returnDocument: 'after' },
    );
    if (updated) return updated;
  }
  throw new AppError('PROPOSAL_NOT_OPEN', 409);
}

const ANSWER_DURATION = { amount: PROPOSAL_RULES.answerWorkingDays, unit: 'working_days' } as const;

/**
 * The threshold reached: awaiting an answer within 15 working days (the working calendar's). Taken by
 * the support that reaches it, or by the sweep when a process died between the count and the move;
 * whichever comes second is refused by the state in move's filter and reads the proposal as it is.
 */
export async function reachThreshold(
  store: ProposalStore,
  calendar: { deadlineFrom(start: Date, d: typeof ANSWER_DURATION): Promise<Date> },
  id: mongo.BSON.ObjectId,
  at: Date,
): Promise<ProposalRecord | null> {
  try {
    return await move(store, {
      id, action: 'reachThreshold', roles: ['system'], actorId: null, at,
      set: async () => ({ thresholdReachedAt: at, answerDeadline: await calendar.deadlineFrom(at, ANSWER_DURATION) }),
    });
  } catch (err) {
    if (err instanceof AppError && err.status === 409) return store.proposals().findOne({ _id: id });
    throw err;
  }
}
