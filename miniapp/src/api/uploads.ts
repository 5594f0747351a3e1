import Taro from '@tarojs/taro';
import { pathOf, uploadsApi, type RouteOutput } from '@gongzhi/shared';
import type { HttpResponse } from './client';
import { api } from './index';

/**
 * Photos go up with Taro.uploadFile (multipart, field `file`), which both targets implement: on weapp
 * from a temp file path, on H5 from a blob URL.
 */
export function uploadPhoto(filePath: string, fileName?: string): Promise<RouteOutput<typeof uploadsApi.upload>> {
  return api.authorized(async (token) => {
    const result = await Taro.uploadFile({
      url: api.baseUrl + uploadsApi.upload.path,
      filePath,
      name: 'file',
      fileName,
      header: token ? { Authorization: `Bearer ${token}` } : {},
    } as Taro.uploadFile.Option);
    return { status: result.statusCode, data: parseBody(result.data) };
  });
}

/**
 * Photos are served only to those who may see the complaint, so an <Image src> without the token
 * would fail: download with the token and show the local copy.
 */
export function downloadPhoto(id: string): Promise<string> {
  return api.authorized<string>(async (token): Promise<HttpResponse> => {
    const result = await Taro.downloadFile({
      url: api.baseUrl + pathOf(uploadsApi.photo, { id }),
      header: token ? { Authorization: `Bearer ${token}` } : {},
    });
    return { status: result.statusCode, data: result.statusCode === 200 ? result.tempFilePath : undefined };
  });
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}
