export default defineAppConfig({
  // Tab pages only in the main package (1.5 MB budget); features live in subpackages.
  pages: ['pages/index/index', 'pages/mine/index'],
  subPackages: [
    {
      root: 'packages/account',
      pages: ['login/index', 'real-name/index', 'privacy/index', 'delete-account/index', 'staff-invitation/index', 'messages/index'],
    },
    { root: 'packages/complaints', pages: ['new/index', 'mine/index', 'detail/index'] },
    { root: 'packages/workbench', pages: ['index/index', 'complaint/index', 'assessment/index'] },
    { root: 'packages/volunteers', pages: ['index/index', 'register/index', 'shifts/index', 'shift/index', 'mine/index', 'certificate/index'] },
    { root: 'packages/volunteer-organiser', pages: ['index/index', 'new-shift/index', 'shift/index', 'qr/index', 'teams/index', 'certificate-issuer/index'] },
    { root: 'packages/polls', pages: ['index/index', 'poll/index', 'new/index', 'budgets/index', 'budget/index', 'budget-new/index'] },
    { root: 'packages/enterprise', pages: ['index/index', 'officer/index', 'case/index'] },
    { root: 'packages/activities', pages: ['index/index', 'activity/index', 'mine/index', 'new/index', 'manage/index', 'reconciliation/index'] },
    { root: 'packages/mutual-aid', pages: ['index/index', 'post/index', 'new/index', 'chat/index', 'mine/index', 'staff/index'] },
    { root: 'packages/proposals', pages: ['index/index', 'proposal/index', 'new/index', 'queue/index', 'answer/index'] },
  ],
  // WeChat asks apps to declare the location calls they make (the complaint form's map picker,
  // a volunteer's position at check-in).
  requiredPrivateInfos: ['chooseLocation', 'getLocation'],
  permission: { 'scope.userLocation': { desc: '志愿服务签到时确认您在服务地点附近' } },
  window: {
    navigationBarTitleText: '共治',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f7',
  },
  tabBar: {
    color: '#595959',
    selectedColor: '#a50f1f',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      // icons: Tabler (MIT), tinted by scripts/tint-icons.mjs; the chosen tab is filled, not only red
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/icons/tab-home.png', selectedIconPath: 'assets/icons/tab-home-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/icons/tab-mine.png', selectedIconPath: 'assets/icons/tab-mine-active.png' },
    ],
  },
});
