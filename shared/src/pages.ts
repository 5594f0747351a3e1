/**
 * Every page of the mini-program, by name. The mini-program navigates with `pageUrl(name, query)`,
 * the BFF's notices deep-link with `pagePath(name, query)`, and a test holds this table equal to
 * `miniapp/src/app.config.ts` (miniapp/src/pages.test.ts), so a link to a page that does not exist
 * cannot be written.
 */
export const PAGES = {
  home: 'pages/index/index',
  mine: 'pages/mine/index',

  login: 'packages/account/login/index',
  realName: 'packages/account/real-name/index',
  privacy: 'packages/account/privacy/index',
  deleteAccount: 'packages/account/delete-account/index',
  staffInvitation: 'packages/account/staff-invitation/index',
  messages: 'packages/account/messages/index',

  complaintNew: 'packages/complaints/new/index',
  complaintsMine: 'packages/complaints/mine/index',
  complaintDetail: 'packages/complaints/detail/index',

  workbench: 'packages/workbench/index/index',
  workbenchComplaint: 'packages/workbench/complaint/index',
  assessment: 'packages/workbench/assessment/index',

  volunteers: 'packages/volunteers/index/index',
  volunteerRegister: 'packages/volunteers/register/index',
  volunteerShifts: 'packages/volunteers/shifts/index',
  volunteerShift: 'packages/volunteers/shift/index',
  volunteerMine: 'packages/volunteers/mine/index',
  volunteerCertificate: 'packages/volunteers/certificate/index',

  organiser: 'packages/volunteer-organiser/index/index',
  organiserNewShift: 'packages/volunteer-organiser/new-shift/index',
  organiserShift: 'packages/volunteer-organiser/shift/index',
  organiserQr: 'packages/volunteer-organiser/qr/index',
  organiserTeams: 'packages/volunteer-organiser/teams/index',
  organiserCertificateIssuer: 'packages/volunteer-organiser/certificate-issuer/index',

  polls: 'packages/polls/index/index',
  poll: 'packages/polls/poll/index',
  pollNew: 'packages/polls/new/index',
  budgets: 'packages/polls/budgets/index',
  budget: 'packages/polls/budget/index',
  budgetNew: 'packages/polls/budget-new/index',

  aid: 'packages/mutual-aid/index/index',
  aidPost: 'packages/mutual-aid/post/index',
  aidNew: 'packages/mutual-aid/new/index',
  aidChat: 'packages/mutual-aid/chat/index',
  aidMine: 'packages/mutual-aid/mine/index',
  aidStaff: 'packages/mutual-aid/staff/index',

  activities: 'packages/activities/index/index',
  activity: 'packages/activities/activity/index',
  activitiesMine: 'packages/activities/mine/index',
  activityNew: 'packages/activities/new/index',
  activityManage: 'packages/activities/manage/index',
  paymentReconciliation: 'packages/activities/reconciliation/index',

  enterprise: 'packages/enterprise/index/index',
  enterpriseOfficer: 'packages/enterprise/officer/index',
  enterpriseCase: 'packages/enterprise/case/index',

  proposals: 'packages/proposals/index/index',
  proposal: 'packages/proposals/proposal/index',
  proposalNew: 'packages/proposals/new/index',
  proposalQueue: 'packages/proposals/queue/index',
  proposalAnswer: 'packages/proposals/answer/index',
} as const;

export type PageName = keyof typeof PAGES;

/** The tab bar's pages (app.config.ts), reached with switchTab. */
export const TAB_PAGES: readonly PageName[] = ['home', 'mine'];

export function isPageName(value: unknown): value is PageName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PAGES, value);
}
export type PageQuery = Record<string, string | number | undefined>;

/** The page's path with its query, as WeChat's subscribe messages take it (no leading slash). */
export function pagePath(name: PageName, query: PageQuery = {}): string {
  const pairs = Object.entries(query).filter((pair): pair is [string, string | number] => pair[1] !== undefined);
  const search = pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`).join('&');
  return search ? `${PAGES[name]}?${search}` : PAGES[name];
}

/** The URL Taro.navigateTo / redirectTo / switchTab / reLaunch take. */
export function pageUrl(name: PageName, query: PageQuery = {}): string {
  return `/${pagePath(name, query)}`;
}
