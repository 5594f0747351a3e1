import { z } from 'zod';
import { defineRoute } from './contract';
import { IdParams } from './route-params';

/** Photos: multipart uploads (not JSON, so the mini-program sends them with Taro.uploadFile) and their bytes back. */
export const uploadsApi = {
  upload: defineRoute({
    method: 'POST', path: '/uploads', access: 'user', status: 201, response: z.object({ id: z.string() }),
    summary: '上传图片（multipart/form-data，字段 file；JPG/PNG/WebP，不超过5MB；需实名登记，每人每天有数量和大小上限）',
  }),
  /** For WeChat's media_check_async only: the bytes of an upload waiting for its check, by a signed link that expires. */
  media: defineRoute({
    method: 'GET', path: '/uploads/:id/media', summary: '待内容安全检查的图片（仅供微信异步检测下载；带签名、限时）', access: 'public', params: IdParams,
    query: z.strictObject({ expires: z.coerce.number().int().positive(), sig: z.string().regex(/^[0-9a-f]{64}$/) }), notFound: 'UPLOAD_NOT_FOUND', raw: 'image',
  }),
  photo: defineRoute({
    method: 'GET', path: '/uploads/:id', summary: '查看图片（上传者，或可查看所属诉求的人）', access: 'user', params: IdParams, notFound: 'UPLOAD_NOT_FOUND', raw: 'image',
  }),
};

const PushQuery = z.object({ signature: z.string().regex(/^[0-9a-f]{40}$/), timestamp: z.string().regex(/^\d{1,12}$/), nonce: z.string().min(1).max(64) });

/**
 * The mini-program's message push (消息推送, plaintext mode, JSON): WeChat signs each call with the
 * token set in the admin console. Today it brings the results of media_check_async.
 */
export const wechatPushApi = {
  verify: defineRoute({
    method: 'GET', path: '/wechat/push', summary: '微信消息推送：服务器地址校验（返回 echostr）', access: 'public',
    query: PushQuery.extend({ echostr: z.string().min(1).max(200) }), raw: 'text',
  }),
  receive: defineRoute({ method: 'POST', path: '/wechat/push', summary: '微信消息推送：接收事件（图片异步检测结果等）', access: 'public', query: PushQuery, raw: 'text' }),
};
