import { bodyParser } from '@koa/bodyparser';
import type { AppContext, Next } from './context';
import { AppError } from './errors';

/**
 * JSON bodies, with a size limit, and multipart uploads left unread for the routes that stream them
 * (uploads parse them with busboy under their own limits; a JSON route that gets one sees no body
 * and answers 400). The parser also keeps ctx.request.rawBody, which payment notifications need:
 * their signature covers the exact bytes received.
 */
export function parseJsonBody(opts: { jsonLimit: string }) {
  const parse = bodyParser({ enableTypes: ['json'], jsonLimit: opts.jsonLimit, encoding: 'utf-8' });
  return async function jsonBody(ctx: AppContext, next: Next): Promise<void> {
    const hasBody = Number(ctx.get('content-length') || 0) > 0 || ctx.get('transfer-encoding') !== '';
    if (ctx.is('multipart/form-data')) return next();
    if (hasBody && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(ctx.method) && !ctx.is('application/json')) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415);
    }
    await (parse as unknown as (ctx: AppContext, next: Next) => Promise<void>)(ctx, next);
  };
}
