import { pageUrl } from '@gongzhi/shared';
/** Every capability in PRODUCT.md, in the words residents know. `ready` turns on as each ships. */
export interface Capability {
  key: string;
  name: string;
  summary: string;
  ready: boolean;
  /** where an open capability leads, in the order shown */
  links?: Array<{ label: string; url: string }>;
}

export const CAPABILITIES: Capability[] = [
  {
    key: 'complaints',
    name: '诉求（市民呼叫）',
    summary: '反映问题，跟踪办理直到回访',
    ready: true,
    links: [
      { label: '我要反映', url: pageUrl('complaintNew') },
      { label: '我的诉求', url: pageUrl('complaintsMine') },
    ],
  },
  { key: 'polls', name: '民意征集', summary: '参与社区和街道的意见征集', ready: false },
  { key: 'mutual-aid', name: '社区互助', summary: '邻里求助、帮忙与闲置共享', ready: false },
  {
    key: 'volunteers',
    name: '志愿服务',
    summary: '报名岗位，签到签退，累计时长',
    ready: true,
    links: [
      { label: '浏览岗位', url: pageUrl('volunteerShifts') },
      { label: '我的志愿服务', url: pageUrl('volunteers') },
    ],
  },
  { key: 'activities', name: '活动报名', summary: '报名参加社区活动', ready: false },
  { key: 'enterprise', name: '企业服务', summary: '惠企政策与政企互动', ready: false },
  { key: 'overview', name: '数据研判', summary: '街道工作数据（工作人员）', ready: false },
];
