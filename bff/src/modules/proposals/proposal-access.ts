import { Types, type Connection } from 'mongoose';
import { AppError } from '../../platform/errors';
import { managesCommunity } from '../identity/community-scope';
import type { UserRecord } from '../identity/user.model';
import type { ProposalRole } from './proposal-actions';
import { proposalStore, type ProposalRecord, type ProposalStore } from './proposal-store';

/**
 * How a person stands to a proposal: its author; another real-name resident of its community; staff
 * of that community (or the street admin). Several at once for a staff member who lives there.
 */
export function proposalRoles(user: UserRecord, p: Pick<ProposalRecord, 'authorId' | 'communityId'>): ProposalRole[] {
  const roles: ProposalRole[] = [];
  if (p.authorId.equals(user._id)) roles.push('author');
  else if (user.realName && new Types.ObjectId(String(user.realName.communityId)).equals(p.communityId)) roles.push('resident');
  if (managesCommunity(user, p.communityId)) roles.push('staff');
  return roles;
}

/** Residents of the community see its proposals, except a withdrawn one (its author and staff still do); anyone else: none exists. */
function sees(p: ProposalRecord, roles: ProposalRole[]): boolean {
  if (roles.length === 0) return false;
  return p.state !== 'withdrawn' || roles.includes('author') || roles.includes('staff');
}

/** The proposal as this person may see it, with their roles; absent or not theirs to see: 404 alike. */
export async function visibleProposal(store: ProposalStore, user: UserRecord, rawId: string): Promise<{ p: ProposalRecord; roles: ProposalRole[] }> {
  const p = await store.proposals().findOne({ _id: new Types.ObjectId(rawId) });
  const roles = p ? proposalRoles(user, p) : [];
  if (!p || !sees(p, roles)) throw new AppError('PROPOSAL_NOT_FOUND', 404);
  return { p, roles };
}

/** Whether this person may see the photos of a proposal (the uploads' access check). */
export async function seesProposalPhotos(conn: Connection, user: UserRecord, proposalId: Types.ObjectId): Promise<boolean> {
  return visibleProposal(proposalStore(conn), user, proposalId.toHexString()).then(
    () => true,
    () => false,
  );
}
