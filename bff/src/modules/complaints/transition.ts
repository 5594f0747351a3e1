import type { Connection, Types } from 'mongoose';
import { now } from '../../platform/clock';
import { judgedWrite } from '../../platform/judged-write';
import { AppError } from '../../platform/errors';
import { Users } from '../identity/user.model';
import { outboxEntry, type OutboxEntry } from '../notifications/outbox';
import { complaintNotice, type ComplaintNoticeKind as OutboxKind } from '../notifications/templates';
import { COMPLAINT_ACTIONS, refusalOf, type ActionRule, type ComplaintActionName, type MoveActor, type RuleInput } from './complaint-actions';
import { complaintInScope, withinScope } from './complaint-access';
import { withFields, type ComplaintStore } from './complaint-counting';
import { Complaints, type ComplaintEvent, type ComplaintRecord } from './complaint.model';

export interface TransitionSpec {
  id: Types.ObjectId;
  actor: MoveActor;
  /** a row of the action table (complaint-actions.ts): its states, roles and preconditions apply */
  action: ComplaintActionName;
  /** what the action was asked with, as far as its preconditions read it */
  input?: Pick<RuleInput, 'appealKind' | 'step' | 'level'>;
  /** when it happens: now, unless the deadline sweep runs for a given moment */
  at?: Date;
  /** fields to set; a function when they depend on the complaint as it stands (its unit, its deadline rules) */
  set?: Record<string, unknown> | ((current: ComplaintRecord) => Promise<Record<string, unknown>> | Record<string, unknown>);
  inc?: Record<string, number>;
  addToSet?: Record<string, unknown>;
  push?: Record<string, unknown>;
  /** the timeline entry; publicNote: what of it the public and followers may read (ComplaintEvent.publicNote). Absent: none (a reminder) */
  event?: { note?: string; photoIds?: Types.ObjectId[]; public: boolean; publicNote?: string };
  /** subscribe messages to the resident and followers, recorded in the same update */
  notify?: OutboxKind;
  /** further messages recorded in the same update, to whom the caller chose (the sweep's alerts to staff, its reminder) */
  messages?: OutboxEntry[];
}

/**
 * Every change of a complaint by an action of the table (complaint-actions.ts): one conditional
 * update. The role is checked first (403); then the complaint is read within the actor's scope
 * (absent or out of scope alike: 404) and judged by the table: its state must be one the action
 * starts from (409 COMPLAINT_STATE_CONFLICT), and each precondition must hold (409 with its code).
 * The update's filter pins the complaint as it was judged (its state and version, within the
 * actor's scope), so the judgement still holds when it writes; it sets the state, appends the
 * event, any notifications and the assessment's tally changes together, so there is never a state
 * without its event, its message or its count. A miss means someone wrote first (a person, an
 * outbox mark, an overdue flag): read again and judge again, a few times.
 */
export async function transition({ conn, counting }: ComplaintStore, spec: TransitionSpec): Promise<ComplaintRecord> {
  const rule: ActionRule = COMPLAINT_ACTIONS[spec.action];
  if (!rule.roles.includes(spec.actor.role)) throw new AppError('FORBIDDEN', 403);

  const complaints = Complaints(conn);
  const read = async () => {
    const found = await complaintInScope(conn, spec.actor, spec.id, { events: 0, outbox: 0 });
    if (!found) throw new AppError('COMPLAINT_NOT_FOUND', 404);
    return found;
  };
  const c = await read();
  const outbox = [...(spec.notify ? await notificationsFor(conn, c, spec.notify) : []), ...(spec.messages ?? [])];

  const at = spec.at ?? now();
  const e = spec.event;
  const event: ComplaintEvent | null = e
    ? {
        action: spec.action,
        from: null,
        to: rule.to ?? null,
        at,
        actorId: spec.actor.id,
        actorRole: spec.actor.role,
        actorLabel: spec.actor.label,
        public: e.public,
        ...(e.note ? { note: e.note } : {}),
        ...(e.photoIds?.length ? { photoIds: e.photoIds } : {}),
        ...(e.public && e.publicNote ? { publicNote: e.publicNote } : {}),
      }
    : null;
  return judgedWrite<ComplaintRecord>({
    read,
    first: c,
    judge: (current) => refusalOf(spec.action, { c: current, actor: spec.actor, at, ...spec.input }),
    conflict: 'COMPLAINT_STATE_CONFLICT',
    write: async (c) => {
      const set = { ...(typeof spec.set === 'function' ? await spec.set(c) : spec.set), ...(rule.to ? { state: rule.to, stateChangedAt: at } : {}) };
      const tallies = counting.change(c, withFields(c, set));
      const updated = await complaints
        .findOneAndUpdate(
          withinScope(spec.actor, { _id: spec.id, state: c.state, version: c.version }),
          {
            $set: { ...set, ...tallies.set },
            $push: {
              ...spec.push,
              ...(event ? { events: { ...event, from: c.state } } : {}),
              ...(outbox.length ? { outbox: { $each: outbox } } : {}),
              ...(tallies.ops.length ? { 'assessment.tallyOps': { $each: tallies.ops } } : {}),
            },
            ...(spec.addToSet ? { $addToSet: spec.addToSet } : {}),
            $inc: { ...spec.inc, version: 1 },
          },
          { returnDocument: 'after' },
        )
        .lean<ComplaintRecord>();
      if (updated) await counting.apply(conn, updated._id, tallies.ops);
      return updated;
    },
  });
}

type Recipients = Pick<ComplaintRecord, '_id' | 'residentId' | 'followerIds' | 'number' | 'categoryName'>;

async function notificationsFor(conn: Connection, c: Recipients, kind: OutboxKind): Promise<OutboxEntry[]> {
  const people = await Users(conn)
    .find({ _id: { $in: [c.residentId, ...(c.followerIds ?? [])] } }, { openid: 1, deletedAt: 1 })
    .lean();
  return people.filter((p) => !p.deletedAt).map((p) => outboxEntry(complaintNotice(kind, c, now()), p.openid));
}
