export default definePageConfig({ navigationBarTitleText: '服务台事项' });
