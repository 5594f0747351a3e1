import { parseTradeBill, yuanToFen } from './trade-bill';

describe('trade bill parsing', () => {
  it('when amounts are written in yuan, then they become whole fen without floating-point error', () => {
    expect(yuanToFen('0.01')).toBe(1);
    expect(yuanToFen('19.9')).toBe(1990);
    expect(yuanToFen('1234.56')).toBe(123456);
    expect(yuanToFen('0.00000')).toBe(0);
    expect(yuanToFen('-3.10')).toBe(-310);
    expect(() => yuanToFen('abc')).toThrow();
  });

  it('when a product name holds a comma, then the columns after it are still read in place', () => {
    const header = '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
    const row = '`2026-12-05 10:00:00,`wxapp,`1900000109,`0,`,`4200000001,`A001,`o-1,`JSAPI,`SUCCESS,`OTHERS,`CNY,`12.30,`0.00,`0,`0,`0.00,`0.00,`,`,`活动,含午餐,`,`0.07380,`0.60%,`12.30,`0.00,`';
    const csv = [header, row, '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额', '`1,`12.30,`0.00,`0.00,`0.07380,`12.30,`0.00'].join('\r\n');
    expect(parseTradeBill(csv)).toEqual([
      expect.objectContaining({ outTradeNo: 'A001', description: '活动,含午餐', orderFen: 1230, settlementFen: 1230, feeFen: 7, refundFen: 0, tradeState: 'SUCCESS' }),
    ]);
  });

  it('when a column WeChat always writes is missing, then the bill is refused as malformed', () => {
    expect(() => parseTradeBill('交易时间,商户订单号\r\n`x,`y')).toThrow(expect.objectContaining({ failure: 'malformed' }));
  });
});
