import type { UserView } from '@gongzhi/shared';

export type WorkbenchView = 'queue' | 'tasks' | 'assessment' | 'volunteers' | 'proposals' | 'mutualAid';

/** Which parts of the workbench a user's roles open (the BFF checks each call again). */
export function workbenchViews(user: Pick<UserView, 'roles'>): WorkbenchView[] {
  const roles = new Set(user.roles.map((binding) => binding.role));
  const views: WorkbenchView[] = [];
  if (roles.has('dispatcher')) views.push('queue');
  if (roles.has('unit_staff') || roles.has('community_staff')) views.push('tasks');
  if (roles.has('dispatcher') || roles.has('admin') || roles.has('unit_staff') || roles.has('community_staff')) views.push('assessment');
  // community staff run their community's volunteer shifts; street admins run every community's
  if (roles.has('community_staff') || roles.has('admin')) views.push('volunteers');
  // and answer their community's resident proposals (居民提议)
  if (roles.has('community_staff') || roles.has('admin')) views.push('proposals');
  // and look after mutual aid: what reports hid, asks nobody answered, the time bank
  if (roles.has('community_staff') || roles.has('admin')) views.push('mutualAid');
  return views;
}

export const VIEW_LABELS: Record<WorkbenchView, string> = {
  queue: '分拨队列',
  tasks: '我的任务',
  assessment: '考核统计',
  volunteers: '志愿服务',
  proposals: '居民提议',
  mutualAid: '社区互助',
};
