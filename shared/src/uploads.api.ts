import { z } from 'zod';
import { defineRoute } from './contract';
import { IdParams } from './route-params';

/** Photos: multipart uploads (not JSON, so the mini-program sends them with Taro.uploadFile) and their bytes back. */
export const uploadsApi = {
  upload: defineRoute({
    method: 'POST', path: '/uploads', access: 'user', status: 201, response: z.object({ id: z.string() }),
    summary: '上传图片（multipart/form-data，字段 file；JPG/PNG/WebP，不超过5MB；需实名登记，每人每天有数量和大小上限）',
  }),
  photo: defineRoute({
    method: 'GET', path: '/uploads/:id', summary: '查看图片（上传者，或可查看所属诉求的人）', access: 'user', params: IdParams, notFound: 'UPLOAD_NOT_FOUND', raw: 'image',
  }),
};
