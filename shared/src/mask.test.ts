import { maskIdNumber, maskName, maskPhone } from './mask';

describe('masks shown on screen', () => {
  it('when an ID number is masked, then only the first and last four characters remain', () => {
    expect(maskIdNumber('44030419900307123X')).toBe('4403**********123X');
  });
  it('when a phone number is masked, then the middle four digits are hidden', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
  });
  it('when a name is masked, then only the first (and for long names the last) character remains', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('李')).toBe('*');
  });
});
