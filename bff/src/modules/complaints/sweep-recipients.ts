import { Types, type Connection } from 'mongoose';
import { Users } from '../identity/user.model';
import { Units } from '../reference/reference.model';

/**
 * Whom a sweep notifies, by WeChat openid: the dispatch centre, and the staff of the handling unit
 * (for a community's own unit: that community's staff). Looked up once per sweep run.
 */
export function createRecipients(conn: Connection) {
  const users = Users(conn);
  let dispatchers: Promise<string[]> | undefined;
  const unitStaff = new Map<string, Promise<string[]>>();

  const openidsOf = async (filter: Record<string, unknown>) =>
    (await users.find({ ...filter, deletedAt: null }, { openid: 1 }).lean()).map((u) => u.openid);

  async function staffOfUnit(unitId: Types.ObjectId): Promise<string[]> {
    const unit = await Units(conn).findById(unitId).lean();
    const byUnit = await openidsOf({ 'roles.unitId': unitId.toString() });
    const byCommunity = unit?.communityId ? await openidsOf({ 'roles.communityId': unit.communityId.toString() }) : [];
    return [...new Set([...byUnit, ...byCommunity])];
  }

  return {
    dispatchers: () => (dispatchers ??= openidsOf({ 'roles.role': 'dispatcher' })),
    unitStaff(unitId: Types.ObjectId | null | undefined): Promise<string[]> {
      if (!unitId) return Promise.resolve([]);
      const key = unitId.toString();
      if (!unitStaff.has(key)) unitStaff.set(key, staffOfUnit(unitId));
      return unitStaff.get(key)!;
    },
    async resident(residentId: Types.ObjectId): Promise<string | null> {
      const user = await users.findById(residentId, { openid: 1, deletedAt: 1 }).lean();
      return user && !user.deletedAt ? user.openid : null;
    },
  };
}
