import { chinaIso, validateShift, type ShiftDraft } from './validate';

const COMMUNITY = '65a1b2c3d4e5f60718293a4b';

const draft = (changes: Partial<ShiftDraft> = {}): ShiftDraft => ({
  title: '敬老院陪伴',
  description: '陪老人聊天、读报',
  address: '莲花街道莲花社区彩田路口',
  lat: '22.5531',
  lng: '114.0546',
  radiusM: '200',
  date: '2026-12-05',
  startTime: '09:00',
  endTime: '11:30',
  capacity: '10',
  skills: ['elderly_care'],
  minStars: '0',
  deadlineHours: '24',
  cutoffHours: '2',
  ...changes,
});

describe('shift form validation', () => {
  it('when the form is complete, then the project and shift bodies carry China Standard Time with their offset', () => {
    const result = validateShift(draft(), COMMUNITY);
    expect(result).toEqual({
      ok: true,
      value: {
        project: { communityId: COMMUNITY, title: '敬老院陪伴', description: '陪老人聊天、读报' },
        shift: {
          place: { point: { lat: 22.5531, lng: 114.0546 }, address: '莲花街道莲花社区彩田路口', radiusM: 200 },
          startAt: '2026-12-05T09:00:00+08:00',
          endAt: '2026-12-05T11:30:00+08:00',
          capacity: 10,
          requiredSkills: ['elderly_care'],
          minStars: 0,
          signupDeadline: '2026-12-04T09:00:00+08:00',
          cancelCutoff: '2026-12-05T07:00:00+08:00',
        },
        overnight: false,
      },
    });
  });

  it('when the end is before the start, then the shift ends the next day', () => {
    const result = validateShift(draft({ startTime: '22:00', endTime: '01:30' }), COMMUNITY);
    if (!result.ok) throw new Error('expected a valid shift');
    expect(result.value.overnight).toBe(true);
    expect(result.value.shift.endAt).toBe('2026-12-06T01:30:00+08:00');
  });

  it('when fields are missing or out of range, then each is named and nothing is built', () => {
    const result = validateShift(
      draft({ title: '', lat: '', capacity: '0', radiusM: '5', startTime: '25:00', date: '12/05', minStars: '6', deadlineHours: '-1' }),
      COMMUNITY,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        title: '请填写项目名称（2至60字）',
        point: '请选择服务地点的位置',
        radiusM: '签到范围为20至2000米',
        date: '日期格式为 年-月-日，例如 2026-12-01',
        startTime: '开始时间格式为 时:分，例如 09:00',
        capacity: '名额为1至500人',
        minStars: '星级要求为0至5',
        deadlineHours: '请填写开始前多少小时截止报名（0表示开始时截止）',
      },
    });
  });

  it('when an instant is written, then it is the China wall-clock time with +08:00', () => {
    expect(chinaIso(Date.UTC(2026, 11, 31, 17, 5))).toBe('2027-01-01T01:05:00+08:00');
  });
});
