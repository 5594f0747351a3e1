export default definePageConfig({ navigationBarTitleText: '发起民生微实事投票' });
