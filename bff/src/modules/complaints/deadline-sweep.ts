import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { COMPLAINT_RULES } from '@gongzhi/shared';
import { now as clockNow } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { acquireLease, isDone, markDone } from '../../platform/worker-lease';
import { createCalendarService } from '../calendar/calendar.service';
import { outboxEntry, type OutboxEntry } from '../notifications/outbox';
import { complaintNotice } from '../notifications/templates';
import { STEP_OPEN_IN, SYSTEM_ACTOR, type ComplaintActionName, type RuleInput } from './complaint-actions';
import type { ComplaintCounting } from './complaint-counting';
import { Complaints, type ComplaintRecord, type DeadlineName } from './complaint.model';
import { createRecipients } from './sweep-recipients';
import { transition } from './transition';

export interface SweepDeps {
  conn: Connection;
  /** the assessment's tallies follow the sweep's writes (complaint-counting.ts) */
  counting: ComplaintCounting;
  logger?: Logger;
}

export interface SweepOptions {
  now?: Date;
  /** complaints looked at per step and run */
  batch?: number;
  leaseMs?: number;
}

const DAY = 24 * 3600_000;
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
 *    pending appeal: as the `system` actor through transition(), by the action table's rules;
 * 5. apply the assessment tally changes a process recorded on a complaint but died before applying.
 * Every write is an action of the table (complaint-actions.ts) taken through transition() as the
 * `system` actor: the table judges the complaint as it stands, so a complaint someone moved since
 * the sweep read it is refused and left for a later pass. Each notifying step also takes a lease keyed
 * by the complaint and the occasion (platform/worker-lease.ts) and records the occasion done, so two
 * sweepers never notify twice and an occasion is never repeated.
 */
export async function runDeadlineSweepOnce(deps: SweepDeps, opts: SweepOptions = {}) {
  const at = opts.now ?? clockNow();
  const ctx = { ...deps, at, batch: opts.batch ?? 200, leaseMs: opts.leaseMs ?? 60_000, recipients: createRecipients(deps.conn) };
  const flagged = await flagOverdue(ctx);
  const escalated = await escalateOverdue(ctx);
  const reminded = await remindRating(ctx);
  const closed = await closeAfterAppealWindow(ctx);
  const recounted = await deps.counting.applyPending(deps.conn, ctx.batch);
  return { flagged, escalated, reminded, closed, recounted };
}

type SweepContext = SweepDeps & { at: Date; batch: number; leaseMs: number; recipients: ReturnType<typeof createRecipients> };

async function staffAlerts(ctx: SweepContext, c: ComplaintRecord, step: DeadlineName): Promise<OutboxEntry[]> {
  const tousers = new Set([...(await ctx.recipients.dispatchers()), ...(await ctx.recipients.unitStaff(c.unitId))]);
  return [...tousers].map((t) => outboxEntry(complaintNotice('overdue', { _id: c._id, number: c.number, categoryName: c.categoryName, missed: STEP_LABELS[step] }, ctx.at), t, ctx.at));
}

/**
 * The system takes an action of the table on a complaint the sweep found due; false when the table
 * refuses it now (someone acted, or another sweeper came first) or the complaint is gone.
 */
async function act(
  ctx: SweepContext,
  c: ComplaintRecord,
  action: ComplaintActionName,
  spec: { input?: Pick<RuleInput, 'step' | 'level'>; set?: Record<string, unknown>; note?: string; public?: boolean; messages?: OutboxEntry[] },
): Promise<boolean> {
  try {
    await transition(ctx, {
      id: c._id,
      actor: SYSTEM_ACTOR,
      action,
      at: ctx.at,
      input: spec.input,
      set: spec.set,
      messages: spec.messages,
      event: spec.note === undefined ? undefined : { public: spec.public ?? false, note: spec.note },
    });
    return true;
  } catch (err) {
    if (err instanceof AppError && (err.status === 409 || err.status === 404)) return false;
    throw err;
  }
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
      const changed = await once(ctx, `overdue:${c._id.toString()}:${step}:${deadline}`, async () =>
        act(ctx, c, 'overdue', {
          input: { step },
          set: { [`overdue.${step}`]: true, 'overdue.any': true, 'overdue.level': Math.max(c.overdue?.level ?? 0, 1) },
          note: `${STEP_LABELS[step]}超时`,
          messages: await staffAlerts(ctx, c, step),
        }),
      );
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
    const changed = await once(ctx, `escalate:${c._id.toString()}:${level}`, async () =>
      act(ctx, c, 'escalate', { input: { level }, set: { 'overdue.level': level }, note: `超时升级至${level}级`, messages: await staffAlerts(ctx, c, step) }),
    );
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
      return act(ctx, c, 'remindRating', { messages: [outboxEntry(complaintNotice('rating_reminder', c, ctx.at), openid, ctx.at)] });
    });
    if (changed) count++;
  }
  // the window closed: the timeline says so, and the dispatch centre's callback queue picks it up (ratingDueAt ≤ now)
  const lapsed = await complaints.find<ComplaintRecord>({ state: 'resolved', ratingDueAt: { $lte: ctx.at } }).limit(ctx.batch).toArray();
  for (const c of lapsed) {
    await once(ctx, `callback_due:${c._id.toString()}:${new Date(c.ratingDueAt!).getTime()}`, async () => {
      return act(ctx, c, 'callbackDue', { note: `居民${COMPLAINT_RULES.ratingWindowDays}日内未评价，转电话回访`, public: true });
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
    // refused when someone came first (another sweeper, a dispatcher) or an appeal was filed meanwhile
    if (await act(ctx, c, 'close', { note: '申诉期满，自动结案', public: true })) closed++;
  }
  return closed;
}
