import { isValidObjectId, Types } from 'mongoose';
import { maskName, maskPhone, QueueFilter, TaskFilter, type ComplaintSummaryView, type ComplaintView } from '@gongzhi/shared';
import type { z } from 'zod';
import { recordPersonalDataRead } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { Users, type UserRecord } from '../identity/user.model';
import { complaintIdOf, staffActor, withinScope, type Actor } from './complaint-access';
import { Complaints, OPEN_STATES, type ComplaintRecord } from './complaint.model';
import { toComplaintView, toSummaryView } from './complaint-view';

type Page = { items: ComplaintSummaryView[]; nextCursor: string | null };

/** What staff read: the dispatcher's queues, a unit's task list, and the staff detail of one complaint. */
export function createStaffQueries({ conn, cipher }: AppDeps) {
  const complaints = Complaints(conn);

  async function listDispatchQueue(user: UserRecord, query: { filter: z.infer<typeof QueueFilter>; cursor?: string; limit: number }): Promise<Page> {
    await staffActor(conn, user, 'dispatch');
    const filters: Record<z.infer<typeof QueueFilter>, object> = {
      intake: { state: 'submitted' },
      returned: { state: 'returned' },
      overdue: { 'overdue.any': true, state: { $in: OPEN_STATES } },
      supervised: { supervised: true, state: { $in: OPEN_STATES } },
      appeals: { 'appeal.status': 'pending' },
      callback_due: { state: 'resolved', ratingDueAt: { $lte: now() } },
    };
    return pageNewestFirst(filters[query.filter], query);
  }

  async function listUnitTasks(user: UserRecord, query: { filter: z.infer<typeof TaskFilter>; cursor?: string; limit: number }): Promise<Page> {
    const actor = await staffActor(conn, user, 'unit');
    const filters: Record<z.infer<typeof TaskFilter>, object> = {
      to_sign: { state: 'dispatched' },
      in_progress: { state: { $in: ['signed', 'in_progress'] } },
      overdue: { 'overdue.any': true, state: { $in: OPEN_STATES } },
      reopened: { state: 'reopened' },
      resolved: { state: { $in: ['resolved', 'rated', 'closed'] } },
    };
    // Scope first, so {unitId, state, _id} serves the query.
    return pageNewestFirst({ ...actor.scope, ...filters[query.filter] }, query);
  }

  async function pageNewestFirst(filter: object, query: { cursor?: string; limit: number }): Promise<Page> {
    if (query.cursor !== undefined && !isValidObjectId(query.cursor)) {
      throw new AppError('VALIDATION_FAILED', 400, [{ path: 'query.cursor', message: '分页游标无效' }]);
    }
    const before = query.cursor ? { _id: { $lt: new Types.ObjectId(query.cursor) } } : {};
    const rows = await complaints
      .find({ ...filter, ...before }, { events: 0, outbox: 0 })
      .sort({ _id: -1 })
      .limit(query.limit + 1)
      .lean<ComplaintRecord[]>();
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return { items: items.map(toSummaryView), nextCursor: rows.length > query.limit && last ? last._id.toString() : null };
  }

  /**
   * The staff detail. The resident's name and phone (masked) go to the dispatch centre always and
   * to the handling unit only if the resident allowed it; each time they are shown, the read is audited.
   */
  async function viewForStaff(user: UserRecord, rawId: string | undefined, requestId?: string): Promise<ComplaintView> {
    const actor = await staffActor(conn, user, 'any');
    const found = await complaints.findOne(withinScope(actor, { _id: complaintIdOf(rawId) }), { outbox: 0 }).lean<ComplaintRecord>();
    if (!found) throw new AppError('COMPLAINT_NOT_FOUND', 404);
    return toComplaintView(found, { actor, staff: true, resident: await residentIdentity(actor, found, requestId) });
  }

  async function residentIdentity(actor: Actor, c: ComplaintRecord, requestId?: string): Promise<{ name: string; phone: string } | null> {
    const street = actor.role === 'dispatcher' || actor.role === 'admin';
    if (!street && !c.showIdentityToUnit) return null;
    const resident = await Users(conn).findById(c.residentId, { realName: 1, deletedAt: 1 }).lean();
    if (!resident?.realName || resident.deletedAt) return null;
    await recordPersonalDataRead(conn, {
      actorId: actor.id.toString(),
      subjectUserId: resident._id.toString(),
      fields: ['name', 'phone'],
      purpose: `complaint:${c.number}`,
      requestId,
    });
    return { name: maskName(cipher.decrypt(resident.realName.nameCipher)), phone: maskPhone(cipher.decrypt(resident.realName.phoneCipher)) };
  }

  return { listDispatchQueue, listUnitTasks, viewForStaff };
}
