import { z } from 'zod';
import { ApiRouter } from '../../platform/api-router';
import type { AppContext, Next } from '../../platform/context';
import { limitRate, type WindowLimit } from '../../platform/rate-limit';
import type { Guards } from '../identity/guards';
import { UploadQuotaExceeded, type createUploadService } from './uploads.service';
import { receiveImage } from './receive-image';

/**
 * Mounted before the JSON body parser (app.ts), since these requests carry files.
 * The upload route reads the request itself; GET streams the stored bytes back.
 * Uploads are limited per person, whatever network they come from: `rateLimit` per window
 * (config `uploads.rateLimit`) and a daily quota (uploads.service.ts).
 */
export function uploadRoutes(guards: Guards, uploads: ReturnType<typeof createUploadService>, rateLimit: WindowLimit): ApiRouter {
  const perPerson = limitRate({ ...rateLimit, key: (ctx) => `POST /uploads ${ctx.state.user!._id}`, perIp: false });
  const signedInAndLimited = (ctx: AppContext, next: Next) => guards.requireUser(ctx, () => perPerson(ctx, next));
  return new ApiRouter('/api/v1')
    .route(
      {
        method: 'post',
        path: '/uploads',
        summary: '上传图片（multipart/form-data，字段 file；JPG/PNG/WebP，不超过5MB；需实名登记，每人每天有数量和大小上限）',
        response: z.object({ id: z.string() }),
        status: 201,
        guard: signedInAndLimited,
      },
      async (ctx) => {
        try {
          await uploads.admitUploader(ctx.state.user!);
          return await uploads.uploadPhoto(ctx.state.user!, await receiveImage(ctx));
        } catch (err) {
          if (err instanceof UploadQuotaExceeded) ctx.set('Retry-After', String(err.retryAfterSeconds));
          throw err;
        }
      },
    )
    .route({ method: 'get', path: '/uploads/:id', summary: '查看图片（上传者，或可查看所属诉求的人）', guard: guards.requireUser }, async (ctx) => {
      const photo = await uploads.readPhoto(ctx.state.user!, ctx.params?.id);
      ctx.type = photo.contentType;
      ctx.set('x-content-type-options', 'nosniff');
      return photo.bytes;
    });
}
