import { Types } from 'mongoose';
import { COMPLAINT_RULES, type AppealBody, type ComplaintView, type ContactBody, type PublicNoteBody, type ResolveBody } from '@gongzhi/shared';
import type { z } from 'zod';
import { now } from '../../platform/clock';
import type { UserRecord } from '../identity/user.model';
import { attachPhotos, checkOwnPhotos } from '../uploads/photos';
import { complaintIdOf, staffActor } from './complaint-access';
import { toComplaintView } from './complaint-view';
import { assessmentPeriodOf } from './deadlines';
import { publicly } from './complaint-public';
import type { ComplaintDeps } from './complaint-counting';
import { transition, type TransitionSpec } from './transition';

const DAY_MS = 86_400_000;
const CONTACT_METHODS = { phone: '电话', visit: '上门', message: '短信/留言' } as const;

/** The handling unit's work on its own tasks: sign for or return, first contact, resolution, appeal. */
export function createHandlingService(deps: ComplaintDeps) {
  const { conn } = deps;
  async function act(user: UserRecord, rawId: string, spec: Omit<TransitionSpec, 'id' | 'actor'>): Promise<ComplaintView> {
    const actor = await staffActor(conn, user, 'unit');
    const updated = await transition(deps, { ...spec, id: complaintIdOf(rawId), actor });
    return toComplaintView(updated, { actor, staff: true });
  }

  const signForTask = (user: UserRecord, id: string, body: z.infer<typeof PublicNoteBody>) =>
    act(user, id, { action: 'sign', event: { public: true, note: body.note, publicNote: publicly(body, body.note) } });

  /** 退单: back to the dispatch centre with a reason, e.g. not this unit's responsibility. */
  const returnTask = (user: UserRecord, id: string, reason: string) =>
    act(user, id, { action: 'return', event: { public: false, note: reason } });

  const recordFirstContact = (user: UserRecord, id: string, body: z.infer<typeof ContactBody>) =>
    act(user, id, {
      action: 'recordContact',
      set: { firstContactAt: now() },
      // the public learns that the unit got in touch and how, the note only when marked public
      event: {
        public: true,
        note: `${CONTACT_METHODS[body.method]}联系：${body.note}`,
        publicNote: body.public ? `${CONTACT_METHODS[body.method]}联系：${body.note}` : `已${CONTACT_METHODS[body.method]}联系`,
      },
    });

  /** 办结: the resident has 7 days to rate (COMPLAINT_RULES.ratingWindowDays) and is told so. */
  async function resolveTask(user: UserRecord, id: string, body: z.infer<typeof ResolveBody>): Promise<ComplaintView> {
    const photoIds = body.photoIds.map((p) => new Types.ObjectId(p));
    await checkOwnPhotos(conn, photoIds, user._id, 'photoIds');
    const at = now();
    const view = await act(user, id, {
      action: 'resolve',
      set: {
        resolvedAt: at,
        ratingDueAt: new Date(at.getTime() + COMPLAINT_RULES.ratingWindowDays * DAY_MS),
        sentBackThisRound: false,
        'assessment.period': assessmentPeriodOf(at),
      },
      event: { public: true, note: body.result, photoIds, publicNote: publicly(body, body.result) },
      notify: 'resolved',
    });
    await attachPhotos(conn, photoIds, user._id, { complaintId: new Types.ObjectId(view.id) });
    return view;
  }

  /** 申诉 within 3 working days of the rating or of the dispatch; one pending appeal at a time (complaint-actions.ts). */
  async function appealTask(user: UserRecord, id: string, body: z.infer<typeof AppealBody>): Promise<ComplaintView> {
    const at = now();
    return act(user, id, {
      action: 'appeal',
      input: { appealKind: body.kind },
      set: (c) => ({ appeal: { kind: body.kind, reason: body.reason, filedAt: at, unitId: c.unitId, status: 'pending' } }),
      event: { public: false, note: body.reason },
    });
  }

  return { signForTask, returnTask, recordFirstContact, resolveTask, appealTask };
}
