import type { UserView } from '@gongzhi/shared';

/** The communities whose shifts a user runs as community staff (team leaders open shifts from the shift itself). */
export function organisedCommunities(user: Pick<UserView, 'roles'>): string[] {
  return user.roles.flatMap((binding) => (binding.role === 'community_staff' && binding.communityId ? [binding.communityId] : []));
}

export const isOrganiser = (user: Pick<UserView, 'roles'>) =>
  organisedCommunities(user).length > 0 || user.roles.some((binding) => binding.role === 'admin');
