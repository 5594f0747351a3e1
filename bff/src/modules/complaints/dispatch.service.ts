import { Types } from 'mongoose';
import {
  type AppealRulingBody, type ComplaintView, type DispatchBody, type PhoneCallbackBody, type PublicNoteBody, type RejectBody,
} from '@gongzhi/shared';
import type { z } from 'zod';
import { now } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { CalendarService } from '../calendar/calendar.service';
import type { UserRecord } from '../identity/user.model';
import { Units } from '../reference/reference.model';
import { complaintIdOf, staffActor } from './complaint-access';
import { toComplaintView } from './complaint-view';
import { APPEAL_WINDOW, assessmentPeriodOf, handlingRound } from './deadlines';
import { ratingNote } from './resident.service';
import { publicly } from './complaint-public';
import type { ComplaintDeps } from './complaint-counting';
import { transition, type TransitionSpec } from './transition';

type Body<T extends z.ZodType> = z.infer<T>;

/** The dispatch centre (街道指挥分拨中心): admission, dispatch, supervision, callbacks, appeal rulings. */
export function createDispatchService(deps: ComplaintDeps, calendar: CalendarService) {
  const { conn } = deps;
  async function act(user: UserRecord, rawId: string, spec: Omit<TransitionSpec, 'id' | 'actor'>): Promise<ComplaintView> {
    const actor = await staffActor(conn, user, 'dispatch');
    const updated = await transition(deps, { ...spec, id: complaintIdOf(rawId), actor });
    return toComplaintView(updated, { actor, staff: true });
  }

  const acceptComplaint = (user: UserRecord, id: string, body: Body<typeof PublicNoteBody>) =>
    act(user, id, { action: 'accept', event: { public: true, note: body.note, publicNote: publicly(body, body.note) }, notify: 'accepted' });

  const rejectComplaint = (user: UserRecord, id: string, body: Body<typeof RejectBody>) => {
    const note = [body.reason, body.referral].filter(Boolean).join('；');
    return act(user, id, { action: 'reject', event: { public: true, note, publicNote: publicly(body, note) } });
  };

  /** To the main unit (and assisting units); the unit's clocks start now, as does its window to appeal the assignment. */
  async function dispatchComplaint(user: UserRecord, id: string, body: Body<typeof DispatchBody>): Promise<ComplaintView> {
    const unit = await Units(conn).findById(body.unitId).lean();
    if (!unit) throw new AppError('UNIT_NOT_FOUND', 404);
    const assisting = [...new Set(body.assistingUnitIds.filter((u) => u !== body.unitId))].map((u) => new Types.ObjectId(u));
    if ((await Units(conn).countDocuments({ _id: { $in: assisting } })) !== assisting.length) throw new AppError('UNIT_NOT_FOUND', 404);
    const at = now();
    return act(user, id, {
      action: 'dispatch',
      set: async (c) => ({
        unitId: unit._id,
        unitName: unit.name,
        assistingUnitIds: assisting,
        'assessment.unitId': unit._id,
        'appealDueAt.assignment': await calendar.deadlineFrom(at, APPEAL_WINDOW),
        ...(await handlingRound(calendar, c.deadlineRules, at)),
      }),
      event: {
        public: true,
        note: [`派至${unit.name}`, body.note].filter(Boolean).join('；'),
        publicNote: [`派至${unit.name}`, publicly(body, body.note)].filter(Boolean).join('；'),
      },
      notify: 'dispatched',
    });
  }

  /** 督办: a flag and a note on work still open; the state stays. */
  async function superviseComplaint(user: UserRecord, id: string, note: string | undefined): Promise<ComplaintView> {
    if (!note) throw new AppError('VALIDATION_FAILED', 400, [{ path: 'body.note', message: '请填写督办意见' }]);
    const by = (await staffActor(conn, user, 'dispatch')).id;
    return act(user, id, {
      action: 'supervise',
      set: { supervised: true },
      push: { supervisions: { at: now(), note, by } },
      event: { public: false, note },
    });
  }

  /** 满意度回访: only after the resident's rating window has passed without a rating (complaint-actions.ts). */
  async function recordPhoneCallback(user: UserRecord, id: string, body: Body<typeof PhoneCallbackBody>): Promise<ComplaintView> {
    if (body.reached && (body.satisfaction === undefined || body.resolved === undefined)) {
      throw new AppError('VALIDATION_FAILED', 400, [{ path: 'body.satisfaction', message: '接通后请记录满意度和是否解决' }]);
    }
    const at = now();
    const rated = body.reached ? { satisfaction: body.satisfaction!, resolved: body.resolved!, ...(body.note ? { comment: body.note } : {}) } : null;
    return act(user, id, {
      action: 'recordPhoneCallback',
      set: async () => ({
        rating: rated ? { ...rated, source: 'phone', at } : null,
        ...(rated ? { 'appealDueAt.rating': await calendar.deadlineFrom(at, APPEAL_WINDOW) } : {}),
        'assessment.period': assessmentPeriodOf(at),
      }),
      event: { public: true, note: rated ? `电话回访：${ratingNote(rated)}` : `电话回访未接通${body.note ? `；${body.note}` : ''}` },
    });
  }

  /** Upheld: the unit was right and the complaint leaves the assessment; dismissed: it counts. */
  const ruleOnAppeal = (user: UserRecord, id: string, body: Body<typeof AppealRulingBody>) =>
    staffActor(conn, user, 'dispatch').then((actor) =>
      act(user, id, {
        action: 'ruleOnAppeal',
        set: {
          'appeal.status': body.decision,
          'appeal.ruling': { reason: body.reason, at: now(), by: actor.id },
          'assessment.excluded': body.decision === 'upheld',
        },
        event: { public: false, note: `${body.decision === 'upheld' ? '申诉成立' : '申诉驳回'}；${body.reason}` },
      }),
    );

  const closeComplaint = (user: UserRecord, id: string, body: Body<typeof PublicNoteBody>) =>
    act(user, id, {
      action: 'close',
      event: { public: true, note: body.note, publicNote: publicly(body, body.note) },
    });

  return { acceptComplaint, rejectComplaint, dispatchComplaint, superviseComplaint, recordPhoneCallback, ruleOnAppeal, closeComplaint };
}
