import { uploadsApi } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
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
  return new ApiRouter(guards)
    .mount(
      uploadsApi.upload,
      async (ctx) => {
        try {
          await uploads.admitUploader(ctx.state.user!);
          return await uploads.uploadPhoto(ctx.state.user!, await receiveImage(ctx));
        } catch (err) {
          if (err instanceof UploadQuotaExceeded) ctx.set('Retry-After', String(err.retryAfterSeconds));
          throw err;
        }
      },
      { after: [perPerson] },
    )
    .mount(uploadsApi.photo, async (ctx, { params }) => {
      const photo = await uploads.readPhoto(ctx.state.user!, params.id);
      ctx.type = photo.contentType;
      ctx.set('x-content-type-options', 'nosniff');
      return photo.bytes;
    });
}
