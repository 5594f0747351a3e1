export default definePageConfig({ navigationBarTitleText: '考核统计' });
