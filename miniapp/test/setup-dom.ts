import '@testing-library/jest-dom';
import Taro from '@tarojs/taro';

// Taro's H5 runtime installs its storage API on the Taro object when the app boots; unit tests
// have no app, so give it the same behaviour the H5 build has: localStorage underneath.
const taro = Taro as unknown as Record<string, unknown>;
taro.getStorageSync = (key: string) => window.localStorage.getItem(key) ?? '';
taro.setStorageSync = (key: string, value: string) => window.localStorage.setItem(key, value);
taro.removeStorageSync = (key: string) => window.localStorage.removeItem(key);

beforeEach(() => {
  // build checks run in node (`@jest-environment node`), where there is no window
  if (typeof window !== 'undefined') window.localStorage.clear();
});

// jsdom lays nothing out and has no scrollIntoView; the form helper calls it on H5 (tests spy on it)
if (typeof window !== 'undefined' && !Element.prototype.scrollIntoView) {
  Element.prototype.scrollIntoView = function scrollIntoView() {};
}
