import Taro from '@tarojs/taro';
import type { Transport } from './client';

export const taroTransport: Transport = async (request) => {
  const response = await Taro.request({
    url: request.url,
    method: request.method,
    header: request.headers,
    data: request.data as Record<string, unknown> | undefined,
    dataType: 'json',
    timeout: 15_000,
  });
  return { status: response.statusCode, data: response.data };
};
