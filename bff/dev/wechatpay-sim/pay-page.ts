import type { SimOrder } from './ledger';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Only http(s) return addresses: a `javascript:` one would run in the tester's browser. */
export function safeReturnUrl(value: string | null): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** `return` with `result=paid|cancelled|failed` and the order number added. */
export function returnWith(returnUrl: string, result: 'paid' | 'cancelled' | 'failed', outTradeNo: string): string {
  const url = new URL(returnUrl);
  url.searchParams.set('result', result);
  url.searchParams.set('out_trade_no', outTradeNo);
  return url.toString();
}

/**
 * The H5 stand-in for WeChat's payment sheet (`wx.requestPayment` has no meaning in a browser): the
 * amount, what it is for, and two labelled buttons. A plain form, so it works without script; its
 * action is relative, so it also works behind the H5 server's /dev/wechatpay/ prefix.
 */
export function payPageHtml(order: SimOrder, returnUrl: string): string {
  const amount = (order.totalFen / 100).toFixed(2);
  const closed = order.state !== 'NOTPAY';
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>微信支付（模拟）</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#111}
.amount{font-size:2.25rem;font-weight:600;margin:.5rem 0 1.5rem}button{display:block;width:100%;font-size:1.125rem;padding:.875rem;margin:.75rem 0;border-radius:.5rem;border:1px solid #767676;background:#fff;color:#111}
button.pay{background:#07883f;border-color:#07883f;color:#fff}button:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}.note{color:#444;font-size:.875rem}</style></head>
<body>
<main aria-labelledby="title">
<h1 id="title">微信支付（模拟）</h1>
<p>${escapeHtml(order.description)}</p>
<p class="amount" aria-label="支付金额 ${amount} 元">¥${amount}</p>
${closed ? `<p role="alert">此订单${order.state === 'CLOSED' ? '已关闭' : '已支付'}，不能再次支付。</p>` : ''}
<form method="post" action="pay">
<input type="hidden" name="prepay_id" value="${escapeHtml(order.prepayId)}">
<input type="hidden" name="return" value="${escapeHtml(returnUrl)}">
<button type="submit" class="pay" name="action" value="pay"${closed ? ' disabled' : ''}>确认支付</button>
<button type="submit" name="action" value="cancel">取消支付</button>
</form>
<p class="note">这是本地开发用的支付模拟页，不会产生真实扣款。</p>
</main>
</body>
</html>`;
}
