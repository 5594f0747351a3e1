import { ageOn, idCheckChar, parseIdNumber } from './id-number';

const TODAY = new Date('2026-11-27T04:00:00Z');

/** Builds a valid number from its first 17 digits (GB 11643 check character computed, not copied). */
function withCheck(first17: string): string {
  return first17 + idCheckChar(first17);
}

describe('GB 11643 resident ID numbers', () => {
  it('when the standard example 11010519491231002 is completed, then its check character is X', () => {
    // The worked example printed in GB 11643-1999.
    expect(idCheckChar('11010519491231002')).toBe('X');
  });

  it('when the number is valid, then region, birth date and sex (odd 17th digit: male) are parsed', () => {
    const id = withCheck('44030419900307123');
    const parsed = parseIdNumber(id, TODAY);
    expect(parsed).toEqual({ ok: true, value: { idNumber: id, regionCode: '440304', birthDate: '1990-03-07', sex: 'male' } });
  });

  it('when a lower-case x is typed, then it is normalised to X', () => {
    const parsed = parseIdNumber('11010519491231002x', TODAY);
    expect(parsed.ok && parsed.value.idNumber).toBe('11010519491231002X');
  });

  it('when any one digit is changed, then the check character no longer matches', () => {
    const id = withCheck('44030419900307123');
    for (let i = 0; i < 17; i++) {
      const changed = id.slice(0, i) + String((Number(id[i]) + 1) % 10) + id.slice(i + 1);
      expect(parseIdNumber(changed, TODAY)).toMatchObject({ ok: false });
    }
  });

  it.each([
    ['too short', '4403041990030712'],
    ['letters', '44030419900307A23X'],
    ['X in the middle', '4403041990X3071234'],
  ])('when the format is wrong (%s), then ID_NUMBER_INVALID', (_label, id) => {
    expect(parseIdNumber(id, TODAY)).toEqual({ ok: false, error: 'ID_NUMBER_INVALID' });
  });

  it.each([
    ['30 February', '44030419900230123'],
    ['month 13', '44030419901301123'],
    ['born tomorrow', '44030420261128123'],
    ['before 1900', '44030418991231123'],
  ])('when the birth date is impossible (%s), then ID_NUMBER_BAD_DATE', (_label, first17) => {
    expect(parseIdNumber(withCheck(first17), TODAY)).toEqual({ ok: false, error: 'ID_NUMBER_BAD_DATE' });
  });

  it('when 29 February falls in a leap year, then it is a real date', () => {
    expect(parseIdNumber(withCheck('44030420000229123'), TODAY).ok).toBe(true);
  });

  it.each([['unknown province 99', '99030419900307123'], ['province only', '44000019900307123']])(
    'when the region is not a real one (%s), then ID_NUMBER_BAD_REGION',
    (_label, first17) => {
      expect(parseIdNumber(withCheck(first17), TODAY)).toEqual({ ok: false, error: 'ID_NUMBER_BAD_REGION' });
    },
  );
});

describe('age on a day in China Standard Time', () => {
  it('when the birthday is today in Beijing but still yesterday in UTC, then the year is already counted', () => {
    // 2026-11-27 20:00 UTC is 2026-11-28 04:00 in Beijing
    expect(ageOn('2012-11-28', new Date('2026-11-27T20:00:00Z'))).toBe(14);
    expect(ageOn('2012-11-28', new Date('2026-11-27T15:00:00Z'))).toBe(13);
  });

  it('when the birthday has not come yet this year, then the age is one less', () => {
    expect(ageOn('2008-12-01', TODAY)).toBe(17);
    expect(ageOn('2008-11-27', TODAY)).toBe(18);
  });
});
