import type { Connection, QueryFilter, Types } from 'mongoose';
import { COMPLAINT_TRANSITIONS, type ComplaintAction, type ComplaintState } from '@gongzhi/shared';
import { now } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { Users } from '../identity/user.model';
import { outboxEntry, type OutboxEntry } from '../notifications/outbox';
import { complaintNotice, type ComplaintNoticeKind as OutboxKind } from '../notifications/templates';
import { complaintInScope, withinScope, type Actor } from './complaint-access';
import { applyTallyOps, tallyChange, withFields } from '../assessment/assessment-tallies';
import { Complaints, type ComplaintEvent, type ComplaintRecord } from './complaint.model';

export interface TransitionSpec {
  id: Types.ObjectId;
  actor: Actor;
  /** a ComplaintAction (its roles are enforced) or a flag-only action such as 'supervise' */
  action: string;
  from: readonly ComplaintState[];
  /** absent: the state stays (supervise, appeal, follow) */
  to?: ComplaintState;
  /** further preconditions, checked in the same atomic update as the state */
  when?: QueryFilter<ComplaintRecord>;
  /** fields to set; a function when they depend on the complaint as it stands (its unit, its deadline rules) */
  set?: Record<string, unknown> | ((current: ComplaintRecord) => Promise<Record<string, unknown>> | Record<string, unknown>);
  inc?: Record<string, number>;
  addToSet?: Record<string, unknown>;
  push?: Record<string, unknown>;
  /** publicNote: what of it the public and followers may read (ComplaintEvent.publicNote) */
  event: { note?: string; photoIds?: Types.ObjectId[]; public: boolean; publicNote?: string };
  /** subscribe messages to the resident and followers, recorded in the same update */
  notify?: OutboxKind;
  /** why the preconditions failed, for a more precise answer than COMPLAINT_STATE_CONFLICT */
  explain?: (current: ComplaintRecord) => AppError | undefined;
}

/** The spec of an action listed in COMPLAINT_TRANSITIONS: its from-states and target come from the contract. */
export function contractMove(action: ComplaintAction): { action: ComplaintAction; from: readonly ComplaintState[]; to: ComplaintState } {
  const t = COMPLAINT_TRANSITIONS[action];
  return { action, from: t.from, to: t.to };
}

/**
 * Every change of a complaint: one conditional update. Its filter pins the complaint as it was read
 * (its version, hence its state), the actor's scope and the move's further rules; the update sets
 * the state, appends the event, any notifications and the assessment's tally changes together, so
 * there is never a state without its event, its message or its count.
 * A miss is read once to answer 404 (absent or out of scope alike) or 409; a miss while the state
 * is unchanged means a background write (an outbox mark, an overdue flag) came first: read again and
 * retry, a few times.
 */
export async function transition(conn: Connection, spec: TransitionSpec): Promise<ComplaintRecord> {
  const contract = (COMPLAINT_TRANSITIONS as Record<string, { roles: readonly string[] } | undefined>)[spec.action];
  if (contract && !contract.roles.includes(spec.actor.role)) throw new AppError('FORBIDDEN', 403);

  const complaints = Complaints(conn);
  let c = await complaintInScope(conn, spec.actor, spec.id, { events: 0, outbox: 0 });
  if (!c) throw new AppError('COMPLAINT_NOT_FOUND', 404);
  const outbox = spec.notify ? await notificationsFor(conn, c, spec.notify) : [];

  const at = now();
  const event: ComplaintEvent = {
    action: spec.action,
    from: null,
    to: spec.to ?? null,
    at,
    actorId: spec.actor.id,
    actorRole: spec.actor.role,
    actorLabel: spec.actor.label,
    public: spec.event.public,
    ...(spec.event.note ? { note: spec.event.note } : {}),
    ...(spec.event.photoIds?.length ? { photoIds: spec.event.photoIds } : {}),
    ...(spec.event.public && spec.event.publicNote ? { publicNote: spec.event.publicNote } : {}),
  };
  for (let attempt = 0; attempt < 4 && spec.from.includes(c.state); attempt++) {
    const set = { ...(typeof spec.set === 'function' ? await spec.set(c) : spec.set), ...(spec.to ? { state: spec.to, stateChangedAt: at } : {}) };
    const tallies = tallyChange(c, withFields(c, set));
    const updated = await complaints
      .findOneAndUpdate(
        withinScope(spec.actor, { ...spec.when, _id: spec.id, state: c.state, version: c.version }),
        {
          $set: { ...set, ...tallies.set },
          $push: {
            ...spec.push,
            events: { ...event, from: c.state },
            ...(outbox.length ? { outbox: { $each: outbox } } : {}),
            ...(tallies.ops.length ? { 'assessment.tallyOps': { $each: tallies.ops } } : {}),
          },
          ...(spec.addToSet ? { $addToSet: spec.addToSet } : {}),
          $inc: { ...spec.inc, version: 1 },
        },
        { returnDocument: 'after' },
      )
      .lean<ComplaintRecord>();
    if (updated) {
      await applyTallyOps(conn, updated._id, tallies.ops);
      return updated;
    }
    const fresh = await complaintInScope(conn, spec.actor, spec.id, { events: 0, outbox: 0 });
    if (!fresh || fresh.state !== c.state || fresh.version === c.version) break; // moved on, or the rules no longer hold
    c = fresh;
  }

  const after = await complaintInScope(conn, spec.actor, spec.id);
  if (!after) throw new AppError('COMPLAINT_NOT_FOUND', 404);
  throw spec.explain?.(after) ?? new AppError('COMPLAINT_STATE_CONFLICT', 409, { state: after.state });
}

type Recipients = Pick<ComplaintRecord, '_id' | 'residentId' | 'followerIds' | 'number' | 'categoryName'>;

async function notificationsFor(conn: Connection, c: Recipients, kind: OutboxKind): Promise<OutboxEntry[]> {
  const people = await Users(conn)
    .find({ _id: { $in: [c.residentId, ...(c.followerIds ?? [])] } }, { openid: 1, deletedAt: 1 })
    .lean();
  return people.filter((p) => !p.deletedAt).map((p) => outboxEntry(complaintNotice(kind, c, now()), p.openid));
}
