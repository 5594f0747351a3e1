export default definePageConfig({ navigationBarTitleText: '提议答复' });
