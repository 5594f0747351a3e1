import { z } from 'zod';
import { ApiRouter } from '../../platform/api-router';
import type { Guards } from '../identity/guards';
import type { createUploadService } from './uploads.service';
import { receiveImage } from './receive-image';

/**
 * Mounted before the JSON body parser (app.ts), since these requests carry files.
 * The upload route reads the request itself; GET streams the stored bytes back.
 */
export function uploadRoutes(guards: Guards, uploads: ReturnType<typeof createUploadService>): ApiRouter {
  return new ApiRouter('/api/v1')
    .route(
      {
        method: 'post',
        path: '/uploads',
        summary: '上传图片（multipart/form-data，字段 file；JPG/PNG/WebP，不超过5MB）',
        response: z.object({ id: z.string() }),
        status: 201,
        guard: guards.requireUser,
      },
      async (ctx) => uploads.uploadPhoto(ctx.state.user!, await receiveImage(ctx)),
    )
    .route({ method: 'get', path: '/uploads/:id', summary: '查看图片（上传者，或可查看所属诉求的人）', guard: guards.requireUser }, async (ctx) => {
      const photo = await uploads.readPhoto(ctx.state.user!, ctx.params?.id);
      ctx.type = photo.contentType;
      ctx.set('cache-control', 'private, max-age=86400');
      ctx.set('x-content-type-options', 'nosniff');
      return photo.bytes;
    });
}
