import type { Connection, mongo } from 'mongoose';
import type { Logger } from 'pino';
import { COMPLAINT_RULES, type ComplaintState } from '@gongzhi/shared';
import { now as clockNow } from '../../platform/clock';
import { applyPendingTallies, applyTallyOps, tallyChange, withFields } from '../assessment/assessment-tallies';
import { acquireLease, isDone, markDone } from '../../platform/worker-lease';
import { createCalendarService } from '../calendar/calendar.service';
import { SYSTEM_ACTOR_LABEL } from '../complaints/complaint-access';
import { Complaints, type ComplaintEvent, type ComplaintRecord, type DeadlineName } from '../complaints/complaint.model';
import { outboxEntry, type OutboxEntry } from '../notifications/outbox';
import { complaintNotice } from '../notifications/templates';
import { createRecipients } from './recipients';

export interface SweepDeps {
  conn: Connection;
  logger?: Logger;
}

export interface SweepOptions {
  now?: Date;
  /** complaints looked at per step and run */
  batch?: number;
  leaseMs?: number;
}

const DAY = 24 * 3600_000;
// the driver's update typing does not follow dotted paths into our record; the filters pin the shapes
const update = (u: Record<string, unknown>) => u as mongo.UpdateFilter<mongo.Document>;

/** While a complaint is in one of these states, the deadline's step is still to be done. */
export const STEP_OPEN_IN: Record<DeadlineName, readonly ComplaintState[]> = {
  dispatch: ['submitted', 'accepted', 'returned'],
  sign: ['dispatched', 'reopened'],
  firstContact: ['dispatched', 'reopened', 'signed'],
  resolve: ['dispatched', 'reopened', 'signed', 'in_progress'],
};
const STEP_LABELS: Record<DeadlineName, string> = { dispatch: '派单', sign: '签收', firstContact: '首次联系', resolve: '办结' };
const STEPS = Object.keys(STEP_OPEN_IN) as DeadlineName[];

/**
 * One pass of the complaint clocks, safe to run in several processes at once:
 * 1. flag each deadline that passed with its step undone (`overdue.<step>`, `overdue.any`, level ≥ 1),
 *    notifying the dispatch centre and the handling unit once per flag;
 * 2. escalate (`overdue.level` + 1, notify again) each time an overdue step stays undone for
 *    another full length of its deadline;
 * 3. remind the resident to rate one day before the 7-day rating window ends, and when it ends put
 *    "callback due" on the timeline for the dispatch centre's phone callback;
 * 4. close rated complaints once the unit's appeal window (3 working days) has passed without a
 *    pending appeal;
 * 5. apply the assessment tally changes a process recorded on a complaint but died before applying.
 * Each notifying step takes a lease keyed by the complaint and the occasion (platform/worker-lease.ts)
 * and records the occasion done, so two sweepers never notify twice.
 */
export async function runDeadlineSweepOnce(deps: SweepDeps, opts: SweepOptions = {}) {
  const at = opts.now ?? clockNow();
  const ctx = { ...deps, at, batch: opts.batch ?? 200, leaseMs: opts.leaseMs ?? 60_000, recipients: createRecipients(deps.conn) };
  const flagged = await flagOverdue(ctx);
  const escalated = await escalateOverdue(ctx);
  const reminded = await remindRating(ctx);
  const closed = await closeAfterAppealWindow(ctx);
  const recounted = await applyPendingTallies(deps.conn, ctx.batch);
  return { flagged, escalated, reminded, closed, recounted };
}

type SweepContext = SweepDeps & { at: Date; batch: number; leaseMs: number; recipients: ReturnType<typeof createRecipients> };

/**
 * One conditional update of a complaint read by the sweep: only at the version it was read at and
 * while `filter` still holds, with the assessment's tally changes of its `$set` recorded in the same
 * update (assessment-tallies.ts). False when someone else wrote it first: a later pass looks again.
 */
async function updateAsRead(ctx: SweepContext, c: ComplaintRecord, filter: Record<string, unknown>, u: { $set?: Record<string, unknown>; [op: string]: unknown }): Promise<boolean> {
  const tallies = tallyChange(c, withFields(c, u.$set ?? {}));
  const push = { ...(u.$push as Record<string, unknown> | undefined), ...(tallies.ops.length ? { 'assessment.tallyOps': { $each: tallies.ops } } : {}) };
  const res = await Complaints(ctx.conn).collection.updateOne(
    { ...filter, _id: c._id, version: c.version },
    update({ ...u, $set: { ...u.$set, ...tallies.set }, $push: push, $inc: { version: 1 } }),
  );
  if (res.modifiedCount !== 1) return false;
  await applyTallyOps(ctx.conn, c._id, tallies.ops);
  return true;
}

function systemEvent(state: ComplaintState, at: Date, action: string, note: string, isPublic: boolean, to: ComplaintState = state): ComplaintEvent {
  return { action, from: state, to, at, actorId: null, actorRole: 'system', actorLabel: SYSTEM_ACTOR_LABEL, note, public: isPublic };
}

async function staffAlerts(ctx: SweepContext, c: ComplaintRecord, step: DeadlineName): Promise<OutboxEntry[]> {
  const tousers = new Set([...(await ctx.recipients.dispatchers()), ...(await ctx.recipients.unitStaff(c.unitId))]);
  return [...tousers].map((t) => outboxEntry(complaintNotice('overdue', { _id: c._id, number: c.number, categoryName: c.categoryName, missed: STEP_LABELS[step] }, ctx.at), t, ctx.at));
}

/** Runs `work` once per key across all sweepers: skipped when done, or while another holds it. */
async function once(ctx: SweepContext, key: string, work: () => Promise<boolean>): Promise<boolean> {
  if (await isDone(ctx.conn, key)) return false;
  if (!(await acquireLease(ctx.conn, key, ctx.at, ctx.leaseMs))) return false;
  const changed = await work();
  // a miss (someone else wrote the complaint first) is left open for a later pass
  if (changed) await markDone(ctx.conn, key, ctx.at);
  return changed;
}

async function flagOverdue(ctx: SweepContext): Promise<number> {
  const complaints = Complaints(ctx.conn).collection;
  let flagged = 0;
  for (const step of STEPS) {
    const due = { state: { $in: STEP_OPEN_IN[step] }, [`overdue.${step}`]: false, [`deadlines.${step}`]: { $lte: ctx.at } };
    const candidates = await complaints.find<ComplaintRecord>(due).limit(ctx.batch).toArray();
    for (const c of candidates) {
      const deadline = new Date(c.deadlines[step]!).getTime();
      const changed = await once(ctx, `overdue:${c._id.toString()}:${step}:${deadline}`, async () => {
        const event = systemEvent(c.state, ctx.at, 'overdue', `${STEP_LABELS[step]}超时`, false);
        return updateAsRead(ctx, c, due, {
          $set: { [`overdue.${step}`]: true, 'overdue.any': true },
          $max: { 'overdue.level': 1 },
          $push: { events: event, outbox: { $each: await staffAlerts(ctx, c, step) } },
        });
      });
      if (changed) flagged++;
    }
  }
  return flagged;
}

/** Start of the step's clock: intake for dispatch, else the latest dispatch or redo. */
function stepStart(c: ComplaintRecord, step: DeadlineName): Date {
  if (step === 'dispatch') return c.createdAt;
  const round = [...c.events].reverse().find((e) => e.from !== e.to && (e.to === 'dispatched' || e.to === 'reopened'));
  return round?.at ?? c.stateChangedAt;
}

/** 1 when a deadline is missed, +1 for every further full deadline length the step stays undone. */
export function overdueLevel(c: ComplaintRecord, at: Date): number {
  let level = 0;
  for (const step of STEPS) {
    const deadline = c.deadlines[step];
    if (!deadline || !c.overdue[step] || !STEP_OPEN_IN[step].includes(c.state)) continue;
    const length = new Date(deadline).getTime() - new Date(stepStart(c, step)).getTime();
    if (length <= 0) continue;
    level = Math.max(level, 1 + Math.floor((at.getTime() - new Date(deadline).getTime()) / length));
  }
  return level;
}

async function escalateOverdue(ctx: SweepContext): Promise<number> {
  const complaints = Complaints(ctx.conn).collection;
  const open = [...new Set(STEPS.flatMap((s) => STEP_OPEN_IN[s]))];
  const candidates = await complaints.find<ComplaintRecord>({ 'overdue.any': true, state: { $in: open } }).limit(ctx.batch).toArray();
  let escalated = 0;
  for (const c of candidates) {
    const level = overdueLevel(c, ctx.at);
    if (level <= c.overdue.level) continue;
    const step = STEPS.find((s) => c.overdue[s] && STEP_OPEN_IN[s].includes(c.state))!;
    const changed = await once(ctx, `escalate:${c._id.toString()}:${level}`, async () => {
      return updateAsRead(ctx, c, { state: c.state, 'overdue.level': c.overdue.level }, {
        $set: { 'overdue.level': level },
        $push: { events: systemEvent(c.state, ctx.at, 'escalate', `超时升级至${level}级`, false), outbox: { $each: await staffAlerts(ctx, c, step) } },
      });
    });
    if (changed) escalated++;
  }
  return escalated;
}

async function remindRating(ctx: SweepContext): Promise<number> {
  const complaints = Complaints(ctx.conn).collection;
  let count = 0;
  // the reminder: one day before the resident's window ends
  const soon = await complaints
    .find<ComplaintRecord>({ state: 'resolved', ratingDueAt: { $gt: ctx.at, $lte: new Date(ctx.at.getTime() + DAY) } })
    .limit(ctx.batch)
    .toArray();
  for (const c of soon) {
    const changed = await once(ctx, `rating_reminder:${c._id.toString()}:${new Date(c.ratingDueAt!).getTime()}`, async () => {
      const openid = await ctx.recipients.resident(c.residentId);
      if (!openid) return false;
      return updateAsRead(ctx, c, { state: 'resolved', ratingDueAt: c.ratingDueAt }, {
        $push: { outbox: outboxEntry(complaintNotice('rating_reminder', c, ctx.at), openid, ctx.at) },
      });
    });
    if (changed) count++;
  }
  // the window closed: the timeline says so, and the dispatch centre's callback queue picks it up (ratingDueAt ≤ now)
  const lapsed = await complaints.find<ComplaintRecord>({ state: 'resolved', ratingDueAt: { $lte: ctx.at } }).limit(ctx.batch).toArray();
  for (const c of lapsed) {
    await once(ctx, `callback_due:${c._id.toString()}:${new Date(c.ratingDueAt!).getTime()}`, async () => {
      const note = `居民${COMPLAINT_RULES.ratingWindowDays}日内未评价，转电话回访`;
      return updateAsRead(ctx, c, { state: 'resolved', ratingDueAt: c.ratingDueAt }, {
        $push: { events: systemEvent('resolved', ctx.at, 'callbackDue', note, true) },
      });
    });
  }
  return count;
}

async function closeAfterAppealWindow(ctx: SweepContext): Promise<number> {
  const complaints = Complaints(ctx.conn).collection;
  const calendar = createCalendarService(ctx);
  // 3 working days are never shorter than 3 calendar days: a cheap bound before the calendar check
  const bound = new Date(ctx.at.getTime() - COMPLAINT_RULES.appealWindowWorkingDays * DAY);
  const candidates = await complaints
    .find<ComplaintRecord>({ state: 'rated', 'rating.at': { $lte: bound }, 'appeal.status': { $ne: 'pending' } })
    .limit(ctx.batch)
    .toArray();
  let closed = 0;
  for (const c of candidates) {
    const due =
      c.appealDueAt?.rating ??
      (await calendar.deadlineFrom(new Date(c.rating!.at), { amount: COMPLAINT_RULES.appealWindowWorkingDays, unit: 'working_days' }));
    if (new Date(due) > ctx.at) continue;
    const changed = await once(ctx, `close:${c._id.toString()}`, async () => {
      return updateAsRead(ctx, c, { state: 'rated', 'appeal.status': { $ne: 'pending' } }, {
        $set: { state: 'closed', stateChangedAt: ctx.at },
        $push: { events: systemEvent('rated', ctx.at, 'close', '申诉期满，自动结案', true, 'closed') },
      });
    });
    if (changed) closed++;
  }
  return closed;
}
