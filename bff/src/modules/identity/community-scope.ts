import { Types, type mongo } from 'mongoose';
import type { UserRecord } from './user.model';

/**
 * The communities a staff member manages residents' matters for (polls, budgeting rounds,
 * proposals): the street admin manages the street ('street'), community staff their own
 * communities, anyone else none.
 */
export function managedCommunities(user: UserRecord): 'street' | mongo.BSON.ObjectId[] {
  if ((user.roles ?? []).some((b) => b.role === 'admin')) return 'street';
  return (user.roles ?? []).flatMap((b) => (b.role === 'community_staff' && b.communityId ? [new Types.ObjectId(String(b.communityId))] : []));
}

/** Whether this person manages what belongs to this community (null: the street's own, the admin's). */
export function managesCommunity(user: UserRecord, communityId: mongo.BSON.ObjectId | null): boolean {
  const scope = managedCommunities(user);
  if (scope === 'street') return true;
  return communityId !== null && scope.some((id) => id.equals(communityId));
}
