export default definePageConfig({ navigationBarTitleText: '证明负责人与联系方式' });
