import { bodyParser } from '@koa/bodyparser';
import type { AppContext, Next } from './context';
import { AppError } from './errors';

/**
 * JSON bodies, with a size limit, and multipart uploads left unread for the routes that stream them
 * (uploads parse them with busboy under their own limits; a JSON route that gets one sees no body
 * and answers 400). The parser also keeps ctx.request.rawBody, which payment notifications need:
 * their signature covers the exact bytes received.
 */
const PARSED_METHODS = new Set(['POST', 'PUT', 'PATCH']);

export function parseJsonBody(opts: { jsonLimit: string; formPrefixes?: readonly string[] }) {
  const parse = bodyParser({ enableTypes: ['json'], jsonLimit: opts.jsonLimit, encoding: 'utf-8' });
  // Open311 GeoReport v2 clients post application/x-www-form-urlencoded: accepted under the prefixes named, nowhere else.
  const parseJsonOrForm = bodyParser({ enableTypes: ['json', 'form'], jsonLimit: opts.jsonLimit, formLimit: opts.jsonLimit, encoding: 'utf-8' });
  return async function jsonBody(ctx: AppContext, next: Next): Promise<void> {
    const hasBody = Number(ctx.get('content-length') || 0) > 0 || ctx.get('transfer-encoding') !== '';
    if (!hasBody) {
      // Most requests (every GET) carry nothing: the parsers would only find that out, at some cost.
      // What they would leave is kept: an empty object for the methods they parse, nothing for the rest.
      if (PARSED_METHODS.has(ctx.method)) ctx.request.body ??= {};
      await next();
      return;
    }
    refuseEncodedBody(ctx);
    if (ctx.is('multipart/form-data')) {
      await next();
      return;
    }
    const formAllowed = (opts.formPrefixes ?? []).some((prefix) => ctx.path.startsWith(prefix));
    const accepted = ctx.is('application/json') || (formAllowed && ctx.is('application/x-www-form-urlencoded'));
    if (hasBody && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(ctx.method) && !accepted) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415);
    }
    await ((formAllowed ? parseJsonOrForm : parse) as unknown as (ctx: AppContext, next: Next) => Promise<void>)(ctx, next);
  };
}

/**
 * Request bodies travel as they are: any Content-Encoding but identity is refused (415), before
 * either parser (JSON here, busboy for uploads) reads a byte. No client of ours compresses what it
 * sends (wx.request and wx.uploadFile never do, bodies are small), so accepting gzip would buy
 * nothing and cost a decompression-bomb surface, a second code path through every body limit, and
 * signatures (payment notifications) that cover bytes we would have to inflate first. Refusing all
 * of them also means a body falsely labelled gzip, deflate or br is a client error, not a 500.
 */
function refuseEncodedBody(ctx: AppContext): void {
  const encoding = ctx.get('content-encoding').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity') throw new AppError('UNSUPPORTED_CONTENT_ENCODING', 415);
}
