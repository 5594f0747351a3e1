import { pageUrl } from '@gongzhi/shared';
import activities from '../../assets/icons/activities.png';
import complaints from '../../assets/icons/complaints.png';
import enterprise from '../../assets/icons/enterprise.png';
import mutualAid from '../../assets/icons/mutual-aid.png';
import overview from '../../assets/icons/overview.png';
import polls from '../../assets/icons/polls.png';
import volunteers from '../../assets/icons/volunteers.png';

/** Every capability in PRODUCT.md, in the words residents know. `ready` turns on as each ships. */
export interface Capability {
  key: string;
  name: string;
  summary: string;
  /** Tabler icon (MIT), tinted by scripts/tint-icons.mjs */
  icon: string;
  ready: boolean;
  /** where an open capability leads, in the order shown */
  links?: Array<{ label: string; url: string }>;
}

export const CAPABILITIES: Capability[] = [
  {
    key: 'complaints',
    name: '诉求（市民呼叫）',
    summary: '反映问题，跟踪办理直到回访',
    icon: complaints,
    ready: true,
    links: [
      { label: '我要反映', url: pageUrl('complaintNew') },
      { label: '我的诉求', url: pageUrl('complaintsMine') },
    ],
  },
  {
    key: 'volunteers',
    name: '志愿服务',
    summary: '报名岗位，签到签退，累计时长',
    icon: volunteers,
    ready: true,
    links: [
      { label: '浏览岗位', url: pageUrl('volunteerShifts') },
      { label: '我的志愿服务', url: pageUrl('volunteers') },
    ],
  },
  {
    key: 'polls',
    name: '民意征集',
    summary: '参与意见征集和民生微实事投票，提出和附议居民提议',
    icon: polls,
    ready: true,
    links: [
      { label: '参与征集', url: pageUrl('polls') },
      { label: '民生微实事', url: pageUrl('budgets') },
      { label: '居民提议', url: pageUrl('proposals') },
    ],
  },
  {
    key: 'mutual-aid',
    name: '社区互助',
    summary: '邻里求助、帮忙与闲置共享',
    icon: mutualAid,
    ready: true,
    links: [
      { label: '看看邻里互助', url: pageUrl('aid') },
      { label: '我要求助', url: pageUrl('aidNew', { kind: 'ask' }) },
    ],
  },
  {
    key: 'activities',
    name: '活动报名',
    summary: '报名参加社区党委组织的活动',
    icon: activities,
    ready: true,
    links: [
      { label: '看看活动', url: pageUrl('activities') },
      { label: '我报名的', url: pageUrl('activitiesMine') },
    ],
  },
  {
    key: 'enterprise',
    name: '企业服务',
    summary: '惠企政策与政企互动',
    icon: enterprise,
    ready: true,
    links: [{ label: '为我匹配', url: pageUrl('enterprise') }],
  },
  { key: 'overview', name: '数据研判', summary: '街道工作数据（工作人员）', icon: overview, ready: false },
];
