import { beijingDate } from '../../src/modules/payments/beijing-time';
import { beijingTime, type SimOrder, type SimRefund } from './ledger';

/** The columns of WeChat Pay's trade bill (交易账单, bill_type ALL), in WeChat's order. */
export const TRADE_BILL_COLUMNS = [
  '交易时间', '公众账号ID', '商户号', '特约商户号', '设备号', '微信订单号', '商户订单号', '用户标识', '交易类型', '交易状态',
  '付款银行', '货币种类', '应结订单金额', '代金券金额', '微信退款单号', '商户退款单号', '退款金额', '充值券退款金额', '退款类型', '退款状态',
  '商品名称', '商户数据包', '手续费', '费率', '订单金额', '申请退款金额', '费率备注',
] as const;

const SUMMARY_COLUMNS = ['总交易单数', '应结订单总金额', '退款总金额', '充值券退款总金额', '手续费总金额', '订单总金额', '申请退款总金额'];

const yuan = (fen: number) => (fen / 100).toFixed(2);
/** WeChat puts a backquote before every value so that spreadsheets keep long numbers as text. */
const line = (values: Array<string | number>) => values.map((v) => `\`${v}`).join(',');

/**
 * The trade bill of one Beijing calendar day: a row per payment that succeeded that day and a row per
 * refund that succeeded that day, then the summary lines. Fees are zero (government merchants here).
 */
export function tradeBillCsv(date: string, orders: SimOrder[], refunds: SimRefund[], ids: { appid: string; mchid: string }): string {
  const onDay = (ms: number | undefined) => ms !== undefined && beijingDate(ms) === date;
  const byNo = new Map(orders.map((o) => [o.outTradeNo, o]));
  const rows: string[] = [];
  let paid = 0;
  let refunded = 0;
  for (const o of orders.filter((x) => onDay(x.successAt))) {
    paid += o.totalFen;
    rows.push(line([billTime(o.successAt!), ids.appid, ids.mchid, '0', '', o.transactionId!, o.outTradeNo, o.payerOpenid, 'JSAPI', 'SUCCESS',
      'OTHERS', 'CNY', yuan(o.totalFen), '0.00', '0', '0', '0.00', '0.00', '', '', o.description, '', '0.00000', '0.00%', yuan(o.totalFen), '0.00', '']));
  }
  for (const r of refunds.filter((x) => onDay(x.successAt))) {
    const o = byNo.get(r.outTradeNo)!;
    refunded += r.refundFen;
    rows.push(line([billTime(r.successAt!), ids.appid, ids.mchid, '0', '', r.transactionId, r.outTradeNo, o.payerOpenid, 'JSAPI', 'REFUND',
      'OTHERS', 'CNY', '0.00', '0.00', r.refundId, r.outRefundNo, yuan(r.refundFen), '0.00', 'ORIGINAL', 'SUCCESS', o.description, '', '0.00000', '0.00%', '0.00', yuan(r.refundFen), '']));
  }
  const summary = line([rows.length, yuan(paid), yuan(refunded), '0.00', '0.00000', yuan(paid), yuan(refunded)]);
  return [TRADE_BILL_COLUMNS.join(','), ...rows, SUMMARY_COLUMNS.join(','), summary].join('\r\n') + '\r\n';
}

function billTime(ms: number): string {
  return beijingTime(ms).slice(0, 19).replace('T', ' ');
}
