import { redactPersonalData as redact, roundCoordinate } from './redact';

describe('redactPersonalData', () => {
  it.each([
    ['plain mobile inside Chinese text', '请打13812345678联系我', '请打【已隐去手机号】联系我'],
    ['mobile with spaces', '电话 138 1234 5678，谢谢', '电话 【已隐去手机号】，谢谢'],
    ['mobile with dashes', '手机138-1234-5678。', '手机【已隐去手机号】。'],
    ['mobile with +86', '号码+86 13812345678', '号码【已隐去手机号】'],
    ['mobile with 0086', '0086-13812345678', '【已隐去手机号】'],
    ['full-width mobile', '联系１３８１２３４５６７８', '联系【已隐去手机号】'],
    ['staff contact note', '已电话联系居民 13600001111', '已电话联系居民 【已隐去手机号】'],
    ['landline with area code', '物业电话010-62345678', '物业电话【已隐去电话】'],
    ['landline with spaces and extension', '请拨 0755 8888 9999 转 123', '请拨 【已隐去电话】'],
    ['landline in brackets', '(021)62345678', '【已隐去电话】'],
    ['local landline after a phone word', '座机：8888-6666', '座机：【已隐去电话】'],
    ['18-char ID number with X', '身份证11010519491231002X已登记', '身份证【已隐去证件号】已登记'],
    ['18-char ID number full-width', '１１０１０５１９４９１２３１００２Ｘ', '【已隐去证件号】'],
    ['15-char ID number', '旧证号110105491231002', '旧证号【已隐去证件号】'],
    ['bank card with spaces', '卡号6222 0212 3456 7890 123', '卡号【已隐去号码】'],
    ['e-mail address', '发到 zhang.san+x@example.com.cn 即可', '发到 【已隐去邮箱】 即可'],
    ['two numbers', '13812345678或13987654321', '【已隐去手机号】或【已隐去手机号】'],
  ])('when the text has a %s, then it is masked', (_case, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    ['a house number and floor', '莲花路12号3栋502室楼道灯坏了'],
    ['a date and a time', '2026年11月30日晚上8点到10点'],
    ['a short count', '已经坏了15天，有200多户受影响'],
    ['a complaint number', '见诉求GZ2026'],
    ['full-width punctuation', '路灯不亮，晚上很黑！'],
  ])('when the text has %s, then it is left alone', (_case, input) => {
    expect(redact(input)).toBe(input);
  });

  it('when the text is empty, then it stays empty', () => {
    expect(redact('')).toBe('');
  });
});

describe('roundCoordinate', () => {
  it('when a point is rounded, then it keeps three decimals (about 100 m)', () => {
    expect(roundCoordinate(22.543149)).toBe(22.543);
    expect(roundCoordinate(114.05791)).toBe(114.058);
    expect(roundCoordinate(-0.0004)).toBe(-0);
  });
});
