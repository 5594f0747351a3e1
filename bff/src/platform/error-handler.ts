import type { ErrorBody } from '@gongzhi/shared';
import type { AppContext, Next } from './context';
import { AppError } from './errors';

/**
 * Every failure leaves as {"error": {code, message, details?, requestId}}. Known errors keep their
 * status; anything else is logged and answered as a plain 500, never with a stack or driver text.
 */
export async function handleErrors(ctx: AppContext, next: Next): Promise<void> {
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) throw new AppError('NOT_FOUND', 404);
  } catch (err) {
    const known = toAppError(err);
    if (!known) ctx.state.log?.error({ err }, 'unhandled error');
    else if (known.status >= 500) ctx.state.log?.error({ err, errorCode: known.code }, 'request failed');
    const error = known ?? new AppError('INTERNAL', 500);
    const body: ErrorBody = {
      error: {
        code: error.code,
        message: error.message,
        ...(error.details !== undefined ? { details: error.details } : {}),
        requestId: ctx.state.requestId,
      },
    };
    ctx.status = error.status;
    ctx.body = body;
  }
}

/** Errors raised by the body parser (raw-body, co-body) carry a status we can trust. */
function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const status = (err as { status?: unknown } | null)?.status;
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', 413);
  if (status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', 415);
  if (status === 400 && (err instanceof SyntaxError || (err as { expose?: unknown }).expose)) {
    return new AppError('VALIDATION_FAILED', 400, [{ path: 'body', message: '请求体不是有效的 JSON' }]);
  }
  return undefined;
}
