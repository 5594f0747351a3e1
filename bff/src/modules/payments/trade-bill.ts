import { PaymentGatewayError } from './payment-errors';

/** One row of WeChat Pay's trade bill (bill_type ALL), amounts in fen. */
export interface TradeBillRow {
  /** Beijing time as the bill writes it, `YYYY-MM-DD HH:mm:ss` */
  tradeTime: string;
  appid: string;
  mchid: string;
  transactionId: string;
  outTradeNo: string;
  payerOpenid: string;
  tradeType: string;
  /** SUCCESS for a payment, REFUND for a refund row */
  tradeState: string;
  settlementFen: number;
  refundId?: string;
  outRefundNo?: string;
  refundFen: number;
  refundStatus?: string;
  description: string;
  feeFen: number;
  orderFen: number;
}

const REQUIRED_COLUMNS = ['交易时间', '公众账号ID', '商户号', '微信订单号', '商户订单号', '用户标识', '交易类型', '交易状态', '应结订单金额', '微信退款单号', '商户退款单号', '退款金额', '退款状态', '商品名称', '手续费', '订单金额'] as const;

/** "0.01" (yuan, as the bill writes it) → 1 fen, without floating point. */
export function yuanToFen(text: string): number {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?\d*$/.exec(text);
  if (!match) throw new PaymentGatewayError('malformed', `bill amount "${text}" is not a number`);
  const fen = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -fen : fen;
}

/**
 * The rows of a trade bill: a header line of column names, one line per trade with every value
 * behind a backquote, then the summary (its own header line starting 总交易单数, and its values).
 */
export function parseTradeBill(csv: string): TradeBillRow[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').replace(/^\uFEFF/, '').split(',');
  const at = Object.fromEntries(REQUIRED_COLUMNS.map((name) => [name, header.indexOf(name)])) as Record<(typeof REQUIRED_COLUMNS)[number], number>;
  const missing = REQUIRED_COLUMNS.filter((name) => at[name] < 0);
  if (missing.length) throw new PaymentGatewayError('malformed', `trade bill lacks columns ${missing.join(', ')}`);
  const rows: TradeBillRow[] = [];
  for (const line of lines.slice(1)) {
    if (line.startsWith('总交易单数')) break;
    // Values never contain commas in WeChat's bills except in 商品名称, which is why it is read by position from both ends.
    const cells = line.split(',').map((c) => c.replace(/^`/, ''));
    const extra = cells.length - header.length;
    const cell = (name: (typeof REQUIRED_COLUMNS)[number]) => {
      const i = at[name];
      const nameAt = at['商品名称'];
      if (i < nameAt) return cells[i] ?? '';
      if (i === nameAt) return cells.slice(i, i + extra + 1).join(',');
      return cells[i + extra] ?? '';
    };
    rows.push({
      tradeTime: cell('交易时间'),
      appid: cell('公众账号ID'),
      mchid: cell('商户号'),
      transactionId: cell('微信订单号'),
      outTradeNo: cell('商户订单号'),
      payerOpenid: cell('用户标识'),
      tradeType: cell('交易类型'),
      tradeState: cell('交易状态'),
      settlementFen: yuanToFen(cell('应结订单金额')),
      ...(cell('微信退款单号') && cell('微信退款单号') !== '0' ? { refundId: cell('微信退款单号'), outRefundNo: cell('商户退款单号'), refundStatus: cell('退款状态') } : {}),
      refundFen: yuanToFen(cell('退款金额')),
      description: cell('商品名称'),
      feeFen: yuanToFen(cell('手续费')),
      orderFen: yuanToFen(cell('订单金额')),
    });
  }
  return rows;
}
