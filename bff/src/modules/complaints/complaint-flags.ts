import type { mongo } from 'mongoose';
import type { ComplaintState } from '@gongzhi/shared';
import { SYSTEM_ACTOR } from './complaint-actions';
import { withFields, type ComplaintStore } from './complaint-counting';
import { Complaints, type ComplaintEvent, type ComplaintRecord } from './complaint.model';

/**
 * The deadline sweep's flags, beside the action table (complaint-actions.ts): overdue, escalation,
 * the rating reminder and "callback due" change no state, so they are not actions of the table;
 * each is one conditional update of the complaint as the sweep read it. Moves of state (closing
 * after the appeal window) go through transition() as SYSTEM_ACTOR like everyone else's.
 */

// the driver's update typing does not follow dotted paths into our record; the filters pin the shapes
const update = (u: Record<string, unknown>) => u as mongo.UpdateFilter<mongo.Document>;

/**
 * One conditional update of a complaint read by the sweep: only at the version it was read at and
 * while `filter` still holds, with the assessment's tally changes of its `$set` recorded in the same
 * update (complaint-counting.ts). False when someone else wrote it first: a later pass looks again.
 */
export async function setFlags(
  { conn, counting }: ComplaintStore,
  c: ComplaintRecord,
  filter: Record<string, unknown>,
  u: { $set?: Record<string, unknown>; [op: string]: unknown },
): Promise<boolean> {
  const tallies = counting.change(c, withFields(c, u.$set ?? {}));
  const push = { ...(u.$push as Record<string, unknown> | undefined), ...(tallies.ops.length ? { 'assessment.tallyOps': { $each: tallies.ops } } : {}) };
  const res = await Complaints(conn).collection.updateOne(
    { ...filter, _id: c._id, version: c.version },
    update({ ...u, $set: { ...u.$set, ...tallies.set }, $push: push, $inc: { version: 1 } }),
  );
  if (res.modifiedCount !== 1) return false;
  await counting.apply(conn, c._id, tallies.ops);
  return true;
}

/** A flag's event on the timeline: by the system, the state unchanged. */
export function flagEvent(state: ComplaintState, at: Date, action: 'overdue' | 'escalate' | 'callbackDue', note: string, isPublic: boolean): ComplaintEvent {
  return { action, from: state, to: state, at, actorId: SYSTEM_ACTOR.id, actorRole: SYSTEM_ACTOR.role, actorLabel: SYSTEM_ACTOR.label, note, public: isPublic };
}
