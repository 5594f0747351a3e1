import { SATISFACTION_LABELS, type ComplaintSummaryView, type ComplaintView, type RateComplaintBody } from '@gongzhi/shared';
import { now } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { CalendarService } from '../calendar/calendar.service';
import type { UserRecord } from '../identity/user.model';
import { complaintIdOf, complaintInScope, residentActor } from './complaint-access';
import { listFilters, pageComplaints } from './complaint-queries';
import { pageQuery } from './complaint-pages';
import type { ComplaintRecord } from './complaint.model';
import { toComplaintView, toPublicSummaryView, toSummaryView } from './complaint-view';
import { APPEAL_WINDOW, assessmentPeriodOf, handlingRound } from './deadlines';
import type { ComplaintDeps } from './complaint-counting';
import { transition } from './transition';

/** The resident's side after filing: their list, the detail, rating and sending back for redo. */
export function createResidentService(deps: ComplaintDeps, calendar: CalendarService) {
  const { conn } = deps;

  /** Own and followed complaints, newest first (complaint-queries.ts); followed ones show only their public summary. */
  async function listMyComplaints(user: UserRecord, query: { cursor?: string; limit: number }): Promise<{ items: ComplaintSummaryView[]; nextCursor: string | null }> {
    const summaryOf = (c: ComplaintRecord) => (c.residentId.equals(user._id) ? toSummaryView(c) : { ...toPublicSummaryView(c), viewerFollows: true });
    return pageComplaints(conn, listFilters.mine(user._id), pageQuery(query), summaryOf);
  }

  async function viewMyComplaint(user: UserRecord, rawId: string): Promise<ComplaintView> {
    const actor = residentActor(user);
    const found = await complaintInScope(conn, actor, complaintIdOf(rawId), { outbox: 0 });
    if (!found) throw new AppError('COMPLAINT_NOT_FOUND', 404);
    return toComplaintView(found, { actor, staff: false });
  }

  /** Within the rating window (7 days from resolution); afterwards staff call back instead. */
  async function rateComplaint(user: UserRecord, rawId: string, body: RateComplaintBody): Promise<ComplaintView> {
    const actor = residentActor(user, { ownOnly: true });
    const at = now();
    const updated = await transition(deps, {
      id: complaintIdOf(rawId),
      actor,
      action: 'rate',
      set: async () => ({
        rating: { ...body, source: 'resident', at },
        'appealDueAt.rating': await calendar.deadlineFrom(at, APPEAL_WINDOW),
        'assessment.period': assessmentPeriodOf(at),
      }),
      event: { public: true, note: ratingNote(body) },
    });
    return toComplaintView(updated, { actor, staff: false });
  }

  /** "不满意退回重办": once per resolution, at most maxRedoRounds in all, within the rating window. */
  async function sendBackForRedo(user: UserRecord, rawId: string, reason: string): Promise<ComplaintView> {
    const actor = residentActor(user, { ownOnly: true });
    const at = now();
    const updated = await transition(deps, {
      id: complaintIdOf(rawId),
      actor,
      action: 'sendBack',
      set: async (c) => ({ sentBackThisRound: true, ...(await handlingRound(calendar, c.deadlineRules, at)) }),
      inc: { redoRounds: 1 },
      event: { public: true, note: reason },
    });
    return toComplaintView(updated, { actor, staff: false });
  }

  return { listMyComplaints, viewMyComplaint, rateComplaint, sendBackForRedo };
}

export function ratingNote(r: { satisfaction: RateComplaintBody['satisfaction']; resolved: boolean; comment?: string }): string {
  return [SATISFACTION_LABELS[r.satisfaction], r.resolved ? '问题已解决' : '问题未解决', r.comment].filter(Boolean).join('；');
}
