import type { Connection, QueryFilter, Types } from 'mongoose';
import { COMPLAINT_TRANSITIONS, type ComplaintAction, type ComplaintState } from '@gongzhi/shared';
import { now } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { claimVersion } from '../../platform/versioned-write';
import { Users } from '../identity/user.model';
import { outboxEntry, type OutboxEntry, type OutboxKind } from '../notifications/outbox';
import { matches } from '../../platform/matches';
import { complaintInScope, withinScope, type Actor } from './complaint-access';
import { relistAfterWrite } from './complaint-lists';
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
 * Every change of a complaint: one update, under the claim on the version it was read at, after
 * the preconditions (state, scope, extra rules) were checked on the document read again under that
 * claim; the update sets the state, appends the event and any notifications together, so there is
 * never a state without its event or its message.
 * A miss is read once to answer 404 (absent or out of scope alike) or 409. After a move, the lists
 * the complaint was and is in follow it (complaint-lists.ts).
 */
export async function transition(conn: Connection, spec: TransitionSpec): Promise<ComplaintRecord> {
  const contract = (COMPLAINT_TRANSITIONS as Record<string, { roles: readonly string[] } | undefined>)[spec.action];
  if (contract && !contract.roles.includes(spec.actor.role)) throw new AppError('FORBIDDEN', 403);

  const complaints = Complaints(conn);
  // The event names the exact state it leaves, so the update pins that one state.
  const current = await complaintInScope(conn, spec.actor, spec.id, { events: 0, outbox: 0 });
  if (!current) throw new AppError('COMPLAINT_NOT_FOUND', 404);
  const outbox = spec.notify ? await notificationsFor(conn, current, spec.notify) : [];

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
  // The claim makes this the only writer of this version; the filter still pins state, scope and rules.
  const moveFrom = async (c: ComplaintRecord): Promise<ComplaintRecord | null> => {
    const set = typeof spec.set === 'function' ? await spec.set(c) : spec.set;
    const release = await claimVersion(conn, 'complaints', c._id, c.version ?? 0);
    if (!release) return null;
    try {
      // Under the claim nobody else writes this version: read it again by _id and judge the
      // preconditions here (a filter on other fields would make FerretDB read the whole collection).
      const fresh = await complaints.findOne({ _id: spec.id }).lean<ComplaintRecord>();
      if (!fresh || fresh.state !== c.state || (fresh.version ?? 0) !== (c.version ?? 0) || !matches(fresh, withinScope(spec.actor, spec.when ?? {}))) {
        return null;
      }
      return await complaints
        .findOneAndUpdate(
          { _id: spec.id },
          {
            $set: { ...set, ...(spec.to ? { state: spec.to, stateChangedAt: at } : {}), listsStale: true },
            $push: { ...spec.push, events: { ...event, from: c.state }, ...(outbox.length ? { outbox: { $each: outbox } } : {}) },
            ...(spec.addToSet ? { $addToSet: spec.addToSet } : {}),
            $inc: { ...spec.inc, version: 1 },
          },
          { returnDocument: 'after' },
        )
        .lean<ComplaintRecord>();
    } finally {
      await release();
    }
  };
  // A miss while the state is unchanged means a background write (an outbox mark, an overdue flag)
  // took this version first: read again and retry, a few times. A changed state is a real conflict.
  let c = current;
  for (let attempt = 0; attempt < 4 && spec.from.includes(c.state); attempt++) {
    const updated = await moveFrom(c);
    if (updated) {
      await relistAfterWrite(conn, updated._id, c);
      return updated;
    }
    await new Promise((r) => setTimeout(r, 10 * (attempt + 1))); // let an in-flight writer finish
    const fresh = await complaintInScope(conn, spec.actor, spec.id, { events: 0, outbox: 0 });
    if (!fresh || fresh.state !== c.state) break;
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
  return people.filter((p) => !p.deletedAt).map((p) => outboxEntry(kind, c, p.openid));
}
