import { uploadsApi, wechatPushApi } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import { nowMs } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { pushSignatureValid } from './media-check';
import type { createUploadService } from './uploads.service';

type Uploads = ReturnType<typeof createUploadService>;

/** WeChat's side of media_check_async: it downloads the image by its signed link (no login). Mounted with the uploads, before the JSON body parser. */
export function mediaLinkRoutes(uploads: Uploads): ApiRouter {
  return new ApiRouter().mount(uploadsApi.media, async (ctx, { params, query }) => {
    const image = await uploads.readForCheck(params.id, query.expires, query.sig);
    ctx.type = image.contentType;
    ctx.set('x-content-type-options', 'nosniff');
    ctx.set('cache-control', 'no-store');
    return image.bytes;
  });
}

/**
 * The mini-program's message push (plaintext mode, JSON), signed by WeChat with the push token: the
 * URL check answers the echostr; an event answers `success` once handled. Today's event is
 * wxa_media_check (media_check_async's verdict). A bad or stale signature is 401 and changes nothing.
 */
export function wechatPushRoutes(uploads: Uploads, pushToken: string): ApiRouter {
  const verified = (q: { signature: string; timestamp: string; nonce: string }) => {
    if (!pushSignatureValid(pushToken, q, nowMs())) throw new AppError('WECHAT_PUSH_SIGNATURE_INVALID', 401);
  };
  return new ApiRouter()
    .mount(wechatPushApi.verify, async (ctx, { query }) => {
      verified(query);
      ctx.type = 'text/plain';
      return query.echostr;
    })
    .mount(wechatPushApi.receive, async (ctx, { query }) => {
      verified(query);
      const event = ctx.request.body as { Event?: unknown; trace_id?: unknown; result?: { suggest?: unknown } } | undefined;
      if (event?.Event === 'wxa_media_check') {
        const suggest = event.result?.suggest;
        if (typeof event.trace_id !== 'string' || (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky')) throw new AppError('VALIDATION_FAILED', 400);
        const outcome = await uploads.recordVerdict(event.trace_id, suggest);
        ctx.state.log?.info({ event: 'wxa_media_check', suggest, outcome }, 'wechat push handled');
        // not `success`: WeChat pushes it again, by when the upload has its trace id
        if (outcome === 'unknown') throw new AppError('UPLOAD_NOT_FOUND', 404);
      }
      ctx.type = 'text/plain';
      return 'success';
    });
}
