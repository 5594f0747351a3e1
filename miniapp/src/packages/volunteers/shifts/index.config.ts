export default definePageConfig({ navigationBarTitleText: '浏览岗位' });
