import { createApiClient } from './client';
import { createStoredSession } from './session';
import { taroTransport } from './taro-transport';

export { ApiError } from './errors';

/** The one client the screens use. GONGZHI_API_BASE is fixed at build time (config/index.ts). */
export const api = createApiClient({
  baseUrl: `${GONGZHI_API_BASE.replace(/\/+$/, '')}/api/v1`,
  transport: taroTransport,
  session: createStoredSession(),
});
