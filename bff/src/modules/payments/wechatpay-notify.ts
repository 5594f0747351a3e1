import type { AppContext } from '../../platform/context';
import { PaymentGatewayError } from './payment-errors';
import type { PaymentGateway } from './payment-gateway';
import type { PaymentNotification } from './payment-notifications';

/**
 * The notify_url endpoint, answered as WeChat Pay expects: 204 once the notification is handled;
 * otherwise 4xx/5xx with `{ code: 'FAIL', message }`, and WeChat Pay sends it again later (with a
 * fresh nonce). A copy whose nonce was already accepted is answered 204 without handling it again:
 * the first copy was handled, or failed and will come back re-signed.
 *
 * Mount it on a route whose body goes through platform/body.ts (JSON), which keeps the raw text the
 * signature covers in ctx.request.rawBody. `handle` must be idempotent by transaction_id /
 * out_refund_no, and should confirm with queryOrder before fulfilling.
 */
export function answerWechatPayNotification(gateway: Pick<PaymentGateway, 'verifyNotification'>, handle: (notification: PaymentNotification) => Promise<void>) {
  return async function wechatPayNotify(ctx: AppContext): Promise<void> {
    const rawBody = (ctx.request as { rawBody?: unknown }).rawBody;
    if (typeof rawBody !== 'string' || rawBody === '') return fail(ctx, 400, '缺少通知内容');
    let notification: PaymentNotification;
    try {
      notification = await gateway.verifyNotification(ctx.headers, rawBody);
    } catch (error) {
      if (!(error instanceof PaymentGatewayError)) throw error;
      if (error.failure === 'replayed') {
        ctx.state.log?.info({ failure: error.failure }, 'wechatpay notification copy ignored');
        ctx.status = 204;
        return;
      }
      ctx.state.log?.warn({ failure: error.failure, reason: error.message }, 'wechatpay notification refused');
      const status = error.failure === 'malformed' ? 400 : error.failure === 'unknown-serial' || error.failure === 'network' ? 500 : 401;
      return fail(ctx, status, `验签或解密失败：${error.failure}`);
    }
    try {
      await handle(notification);
    } catch (error) {
      ctx.state.log?.error({ err: error, notificationId: notification.id }, 'wechatpay notification not handled');
      return fail(ctx, 500, '处理失败，请重试');
    }
    ctx.status = 204;
  };
}

function fail(ctx: AppContext, status: number, message: string): void {
  ctx.status = status;
  ctx.body = { code: 'FAIL', message };
}
