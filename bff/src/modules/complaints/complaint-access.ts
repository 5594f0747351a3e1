import { Types, type Connection, type QueryFilter } from 'mongoose';
import { ROLE_LABELS, type Role } from '@gongzhi/shared';
import { AppError } from '../../platform/errors';
import type { UserRecord } from '../identity/user.model';
import { Units } from '../reference/reference.model';
import { Complaints, type ActorRole, type ComplaintRecord } from './complaint.model';

/**
 * Who may see and act on which complaints, in one place (PRODUCT.md §1 scopes):
 * a resident their own and the ones they follow; unit staff the complaints whose main unit is
 * theirs (community staff: their community's handling unit), and, to read only, those their unit
 * assists with; the dispatch centre and admins the whole street. Everything outside a scope answers exactly like an absent complaint.
 */
export interface Actor {
  id: Types.ObjectId;
  role: ActorRole;
  /** what the timeline shows for this actor: an office or unit name, never a person */
  label: string;
  /** the filter every read and write of this actor is confined to */
  scope: QueryFilter<ComplaintRecord>;
  /** unit desks: the units whose complaints this actor handles (the main unit's work only) */
  unitIds?: Types.ObjectId[];
}

export type StaffDesk = 'dispatch' | 'unit' | 'any';

export function residentActor(user: UserRecord, opts: { ownOnly?: boolean } = {}): Actor {
  const scope: QueryFilter<ComplaintRecord> = opts.ownOnly
    ? { residentId: user._id }
    : { $or: [{ residentId: user._id }, { followerIds: user._id }] };
  return { id: user._id, role: 'resident', label: ROLE_LABELS.resident, scope };
}

export const SYSTEM_ACTOR_LABEL = '系统';

const has = (user: UserRecord, ...roles: Role[]) => (user.roles ?? []).some((b) => roles.includes(b.role));

/**
 * The staff member acting from a desk: 'dispatch' needs the dispatcher role, 'unit' a unit or
 * community binding, 'any' (reading) takes the widest scope the user holds.
 */
export async function staffActor(conn: Connection, user: UserRecord, desk: StaffDesk): Promise<Actor> {
  const street = desk === 'dispatch' ? has(user, 'dispatcher') : desk === 'any' && has(user, 'dispatcher', 'admin');
  if (street) {
    const role: ActorRole = has(user, 'dispatcher') ? 'dispatcher' : 'admin';
    return { id: user._id, role, label: ROLE_LABELS[role], scope: {} };
  }
  if (desk === 'dispatch') throw new AppError('FORBIDDEN', 403);
  const units = await unitsOf(conn, user);
  if (units.length === 0) throw new AppError('FORBIDDEN', 403);
  const role: ActorRole = has(user, 'unit_staff') ? 'unit_staff' : 'community_staff';
  const unitIds = units.map((u) => u._id);
  // Reading ('any'), an assisting unit (协办) sees the complaints it assists with; acting stays with the main unit.
  const scope: QueryFilter<ComplaintRecord> =
    desk === 'any' ? { $or: [{ unitId: { $in: unitIds } }, { assistingUnitIds: { $in: unitIds } }] } : { unitId: { $in: unitIds } };
  return { id: user._id, role, label: units[0]!.name, scope, unitIds };
}

/** The handling units a staff member works for: their unit bindings, and their communities' own units. */
async function unitsOf(conn: Connection, user: UserRecord): Promise<Array<{ _id: Types.ObjectId; name: string }>> {
  const bindings = user.roles ?? [];
  const unitIds = bindings.filter((b) => b.role === 'unit_staff' && b.unitId).map((b) => new Types.ObjectId(b.unitId));
  const communityIds = bindings.filter((b) => b.role === 'community_staff' && b.communityId).map((b) => new Types.ObjectId(b.communityId));
  if (unitIds.length === 0 && communityIds.length === 0) return [];
  const or: Array<Record<string, unknown>> = [];
  if (unitIds.length) or.push({ _id: { $in: unitIds } });
  if (communityIds.length) or.push({ kind: 'community', communityId: { $in: communityIds } });
  const units = await Units(conn)
    .find(or.length === 1 ? or[0]! : { $or: or }, { name: 1 })
    .sort({ _id: 1 })
    .lean();
  return units.map((u) => ({ _id: u._id, name: u.name }));
}

/** The units a unit-desk actor works for. */
export function actorUnitIds(actor: Actor): Types.ObjectId[] {
  return actor.unitIds ?? [];
}

/** Whether the actor is staff of the complaint's main unit (an assisting unit only reads). */
export function handlesComplaint(actor: Actor, c: Pick<ComplaintRecord, 'unitId'>): boolean {
  return Boolean(c.unitId && actor.unitIds?.some((u) => u.equals(c.unitId!)));
}

/** A complaint id from the path, which its route contract has already checked (IdParam). */
export function complaintIdOf(id: string): Types.ObjectId {
  return new Types.ObjectId(id);
}

/** The complaint with this id if the actor may see it, else null (absent and out of scope alike). */
export async function complaintInScope(conn: Connection, actor: Pick<Actor, 'scope'>, id: Types.ObjectId, projection?: Record<string, 0>): Promise<ComplaintRecord | null> {
  return Complaints(conn).findOne(withinScope(actor, { _id: id }), projection).lean<ComplaintRecord>();
}

export function withinScope(actor: Pick<Actor, 'scope'>, filter: QueryFilter<ComplaintRecord>): QueryFilter<ComplaintRecord> {
  return Object.keys(actor.scope).length ? { $and: [filter, actor.scope] } : filter;
}

/**
 * Whether the user may see the photos of this complaint: its resident, and staff in scope (reading
 * scope: an assisting unit too); never a follower, who gets the public view. The uploads module asks
 * this through a port (app.ts), so that it does not import complaints.
 */
export async function seesComplaintPhotos(conn: Connection, user: UserRecord, complaintId: Types.ObjectId): Promise<boolean> {
  const projection = { events: 0, outbox: 0 } as const;
  if (await complaintInScope(conn, residentActor(user, { ownOnly: true }), complaintId, projection)) return true;
  if (!(user.roles ?? []).length) return false;
  const staff = await staffActor(conn, user, 'any').catch(() => null);
  return Boolean(staff && (await complaintInScope(conn, staff, complaintId, projection)));
}
