import { creditCodeProblem, matchCriteria, sizeClassOf, yearsSince } from './enterprise-rules';

describe('unified social credit code (GB 32100-2015)', () => {
  it('when the code is a published example, then its check character is accepted', () => {
    // the example printed in GB 32100-2015 and widely reproduced
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem(' 91350100m000100y43 ')).toBeNull();
  });

  it('when a character is changed, the length is wrong or a letter is not allowed, then each is refused with its reason', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toMatch(/校验码不正确（第18位应为3）/);
    expect(creditCodeProblem('91350100M000100Y4')).toBe('统一社会信用代码应为18位');
    expect(creditCodeProblem('91350100M000100I43')).toMatch(/不允许的字符“I”/);
  });
});

describe('size class (统计上大中小微型企业划分办法 2017)', () => {
  it('when an industrial firm sits exactly on a lower bound, then it is in that class; one below on any measure, one class down', () => {
    expect(sizeClassOf('C', { employees: 1000, revenueWan: 40000, assetsWan: 0 })).toBe('large');
    expect(sizeClassOf('C', { employees: 999, revenueWan: 40000, assetsWan: 0 })).toBe('medium');
    expect(sizeClassOf('C', { employees: 300, revenueWan: 2000, assetsWan: 0 })).toBe('medium');
    expect(sizeClassOf('C', { employees: 300, revenueWan: 1999, assetsWan: 0 })).toBe('small');
    expect(sizeClassOf('C', { employees: 20, revenueWan: 300, assetsWan: 0 })).toBe('small');
    expect(sizeClassOf('C', { employees: 19, revenueWan: 300, assetsWan: 0 })).toBe('micro');
  });

  it('when the industry uses other measures, then those decide (retail by people and revenue, construction by revenue and assets, others by people)', () => {
    expect(sizeClassOf('F52', { employees: 10, revenueWan: 100, assetsWan: 0 })).toBe('small');
    expect(sizeClassOf('F52', { employees: 9, revenueWan: 5000, assetsWan: 0 })).toBe('micro');
    expect(sizeClassOf('E', { employees: 0, revenueWan: 6000, assetsWan: 5000 })).toBe('medium');
    expect(sizeClassOf('E', { employees: 5000, revenueWan: 6000, assetsWan: 4999 })).toBe('small');
    expect(sizeClassOf('M', { employees: 100, revenueWan: 0, assetsWan: 0 })).toBe('medium');
    expect(sizeClassOf('I65', { employees: 12, revenueWan: 50, assetsWan: 0 })).toBe('small');
  });
});

describe('matching with one line per criterion', () => {
  const at = new Date('2026-12-05T02:00:00Z');
  const profile = { industry: 'I65', sizeClass: 'small' as const, foundedOn: '2023-12-05', employees: 12, revenueWan: 800, communityId: 'c1', communityName: '莲花社区', tags: ['科技型中小企业'] };

  it('when every structured criterion holds, then it is eligible, each line saying why in words', () => {
    const { fit, lines } = matchCriteria({ industries: ['I65', 'I64'], sizeClasses: ['small', 'micro'], minYears: 3, maxEmployees: 300, tagsRequired: ['科技型中小企业'] }, profile, at);
    expect(fit).toBe('eligible');
    expect(lines.map((l) => l.text)).toEqual([
      '行业 软件和信息技术服务业，要求：软件和信息技术服务业、互联网和相关服务：符合',
      '规模 小型，要求：小型、微型：符合',
      '成立年限 3 年，要求不少于3年：符合',
      '员工 12 人，要求不超过300人：符合',
      '须为“科技型中小企业”：符合',
    ]);
  });

  it('when a boundary is missed by one, then that line says 不符合 and the item is not eligible; judgement alone makes it possible', () => {
    expect(matchCriteria({ minEmployees: 13 }, profile, at).lines[0]!.text).toBe('员工 12 人，要求不少于13人：不符合');
    expect(matchCriteria({ minYears: 3 }, { ...profile, foundedOn: '2023-12-06' }, at).fit).toBe('ineligible');
    expect(matchCriteria({ tagsExcluded: ['科技型中小企业'] }, profile, at).fit).toBe('ineligible');
    expect(matchCriteria({ maxEmployees: 12, judgement: ['近三年无重大安全事故'] }, profile, at)).toEqual({
      fit: 'possible',
      lines: [{ verdict: 'met', text: '员工 12 人，要求不超过12人：符合' }, { verdict: 'confirm', text: '近三年无重大安全事故：需确认' }],
    });
    expect(yearsSince('2023-12-05', at)).toBe(3);
  });
});
