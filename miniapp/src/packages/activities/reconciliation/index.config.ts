export default definePageConfig({ navigationBarTitleText: '支付对账' });
