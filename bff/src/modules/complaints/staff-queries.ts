import { maskName, maskPhone, QueueFilter, TaskFilter, type ComplaintSummaryView, type ComplaintView } from '@gongzhi/shared';
import type { z } from 'zod';
import { recordPersonalDataRead } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { Users, type UserRecord } from '../identity/user.model';
import { actorUnitIds, complaintIdOf, complaintInScope, staffActor, type Actor } from './complaint-access';
import { listFilters, pageComplaints } from './complaint-queries';
import { pageQuery } from './complaint-pages';
import type { ComplaintRecord } from './complaint.model';
import { toComplaintView } from './complaint-view';

type Page = { items: ComplaintSummaryView[]; nextCursor: string | null };

/** What staff read: the dispatcher's queues, a unit's task list, and the staff detail of one complaint. */
export function createStaffQueries({ conn, cipher }: AppDeps) {

  /** The dispatch centre's queues, newest first (complaint-queries.ts). */
  async function listDispatchQueue(user: UserRecord, query: { filter: z.infer<typeof QueueFilter>; cursor?: string; limit: number }): Promise<Page> {
    await staffActor(conn, user, 'dispatch');
    return pageComplaints(conn, listFilters.queue(query.filter, now()), pageQuery(query));
  }

  /** A unit's task lists (a staff member of several units sees them merged). */
  async function listUnitTasks(user: UserRecord, query: { filter: z.infer<typeof TaskFilter>; cursor?: string; limit: number }): Promise<Page> {
    const actor = await staffActor(conn, user, 'unit');
    return pageComplaints(conn, actorUnitIds(actor).flatMap((u) => listFilters.tasks(u, query.filter)), pageQuery(query));
  }

  /**
   * The staff detail. The resident's name and phone (masked) go to the dispatch centre always and
   * to the handling unit only if the resident allowed it; each time they are shown, the read is audited.
   */
  async function viewForStaff(user: UserRecord, rawId: string, requestId?: string): Promise<ComplaintView> {
    const actor = await staffActor(conn, user, 'any');
    const found = await complaintInScope(conn, actor, complaintIdOf(rawId), { outbox: 0 });
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
