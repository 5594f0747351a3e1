export default definePageConfig({ navigationBarTitleText: '社区互助' });
