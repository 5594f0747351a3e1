export default definePageConfig({ navigationBarTitleText: '提出提议' });
