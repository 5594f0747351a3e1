export default definePageConfig({ navigationBarTitleText: '居民提议' });
