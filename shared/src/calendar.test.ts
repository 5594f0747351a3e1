import { addDuration, CALENDAR_2026, isWorkingDay, workingTimeBetween, type WorkCalendar } from './calendar';
import { cstDate } from './time';

/** An instant written as China Standard Time wall-clock time. */
const cst = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+08:00`);
const cal = CALENDAR_2026;
const plain: WorkCalendar = { holidays: [], workdays: [] };

describe('isWorkingDay', () => {
  it('when a weekday is not listed, then it is a working day', () => {
    expect(isWorkingDay('2026-03-04', plain)).toBe(true);
  });
  it('when it is a weekend, then it is not, unless listed as a make-up working day', () => {
    expect(isWorkingDay('2026-03-07', cal)).toBe(false);
    expect(isWorkingDay('2026-03-08', cal)).toBe(false);
    expect(isWorkingDay('2026-02-14', cal)).toBe(true);
    expect(isWorkingDay('2026-10-10', cal)).toBe(true);
    expect(isWorkingDay('2026-02-14', plain)).toBe(false);
  });
  it('when a weekday is a listed holiday, then it is not a working day', () => {
    expect(isWorkingDay('2026-10-01', cal)).toBe(false);
    expect(isWorkingDay('2026-02-23', cal)).toBe(false);
    expect(isWorkingDay('2026-02-24', cal)).toBe(true);
  });
});

describe('addDuration in calendar time', () => {
  it('when minutes or hours, then nights and holidays count', () => {
    expect(addDuration(cst('2026-02-16 23:50'), { amount: 30, unit: 'minutes' }, cal)).toEqual(cst('2026-02-17 00:20'));
    expect(addDuration(cst('2026-10-03 17:00'), { amount: 2, unit: 'hours' }, cal)).toEqual(cst('2026-10-03 19:00'));
    expect(addDuration(cst('2026-10-03 17:00'), { amount: 24, unit: 'hours' }, cal)).toEqual(cst('2026-10-04 17:00'));
  });
});

describe('addDuration in working hours (09:00–18:00 CST, lunch counted)', () => {
  it('when it fits in the day, then it ends the same day, lunch included', () => {
    expect(addDuration(cst('2026-03-04 10:00'), { amount: 2, unit: 'working_hours' }, cal)).toEqual(cst('2026-03-04 12:00'));
    expect(addDuration(cst('2026-03-04 11:30'), { amount: 2, unit: 'working_hours' }, cal)).toEqual(cst('2026-03-04 13:30'));
  });
  it('when it ends exactly at closing time, then the deadline is 18:00 that day', () => {
    expect(addDuration(cst('2026-03-04 16:00'), { amount: 2, unit: 'working_hours' }, cal)).toEqual(cst('2026-03-04 18:00'));
    expect(addDuration(cst('2026-03-04 09:00'), { amount: 9, unit: 'working_hours' }, cal)).toEqual(cst('2026-03-04 18:00'));
  });
  it('when it runs past closing time, then the rest continues at the next opening', () => {
    expect(addDuration(cst('2026-03-04 17:00'), { amount: 2, unit: 'working_hours' }, cal)).toEqual(cst('2026-03-05 10:00'));
  });
  it('when it runs into a weekend, then the weekend is skipped', () => {
    expect(addDuration(cst('2026-03-06 17:30'), { amount: 2, unit: 'working_hours' }, cal)).toEqual(cst('2026-03-09 10:30'));
  });
  it('when it starts outside office hours, then counting starts at the next opening', () => {
    expect(addDuration(cst('2026-03-03 07:00'), { amount: 1, unit: 'working_hours' }, cal)).toEqual(cst('2026-03-03 10:00'));
    expect(addDuration(cst('2026-03-03 20:00'), { amount: 1, unit: 'working_hours' }, cal)).toEqual(cst('2026-03-04 10:00'));
    expect(addDuration(cst('2026-03-03 18:00'), { amount: 1, unit: 'working_hours' }, cal)).toEqual(cst('2026-03-04 10:00'));
    expect(addDuration(cst('2026-03-07 12:00'), { amount: 1, unit: 'working_hours' }, cal)).toEqual(cst('2026-03-09 10:00'));
  });
  it('when the Spring Festival comes, then the make-up Saturday counts and the nine days off do not', () => {
    expect(addDuration(cst('2026-02-13 17:00'), { amount: 2, unit: 'working_hours' }, cal)).toEqual(cst('2026-02-14 10:00'));
    expect(addDuration(cst('2026-02-14 17:00'), { amount: 2, unit: 'working_hours' }, cal)).toEqual(cst('2026-02-24 10:00'));
  });
  it('when filed during National Day, then counting starts on 8 October', () => {
    expect(addDuration(cst('2026-10-02 10:00'), { amount: 3, unit: 'working_hours' }, cal)).toEqual(cst('2026-10-08 12:00'));
  });
});

describe('addDuration in working days (end of the Nth working day after the start day)', () => {
  it('when started on a weekday, then the start day is not counted and the deadline is 18:00', () => {
    expect(addDuration(cst('2026-03-04 10:00'), { amount: 1, unit: 'working_days' }, cal)).toEqual(cst('2026-03-05 18:00'));
    expect(addDuration(cst('2026-03-04 08:00'), { amount: 1, unit: 'working_days' }, cal)).toEqual(cst('2026-03-05 18:00'));
    expect(addDuration(cst('2026-03-04 10:00'), { amount: 3, unit: 'working_days' }, cal)).toEqual(cst('2026-03-09 18:00'));
  });
  it('when started on a weekend, then the first working day after it is day one', () => {
    expect(addDuration(cst('2026-03-07 22:00'), { amount: 1, unit: 'working_days' }, cal)).toEqual(cst('2026-03-09 18:00'));
  });
  it('when the instant is just past midnight in China but still the previous day in UTC, then the Chinese day is the start day', () => {
    // 00:30 CST Thursday is 16:30 UTC Wednesday
    expect(addDuration(cst('2026-03-05 00:30'), { amount: 1, unit: 'working_days' }, cal)).toEqual(cst('2026-03-06 18:00'));
  });
  it('when the Spring Festival comes, then 14 and 28 February count and 15–23 February do not', () => {
    expect(addDuration(cst('2026-02-12 15:00'), { amount: 3, unit: 'working_days' }, cal)).toEqual(cst('2026-02-24 18:00'));
    // a complaint's 13 working days from Tuesday 10 February
    expect(addDuration(cst('2026-02-10 15:00'), { amount: 13, unit: 'working_days' }, cal)).toEqual(cst('2026-03-05 18:00'));
  });
  it('when National Day comes, then 1–7 October are skipped and the make-up days 20 September and 10 October count', () => {
    expect(addDuration(cst('2026-09-29 11:00'), { amount: 3, unit: 'working_days' }, cal)).toEqual(cst('2026-10-09 18:00'));
    expect(addDuration(cst('2026-09-29 11:00'), { amount: 4, unit: 'working_days' }, cal)).toEqual(cst('2026-10-10 18:00'));
    expect(addDuration(cst('2026-09-18 11:00'), { amount: 1, unit: 'working_days' }, cal)).toEqual(cst('2026-09-20 18:00'));
  });
  it('when the Mid-Autumn Festival comes, then 25–27 September are skipped', () => {
    expect(addDuration(cst('2026-09-24 11:00'), { amount: 1, unit: 'working_days' }, cal)).toEqual(cst('2026-09-28 18:00'));
  });
  it('when the year turns, then New Year holidays are skipped and Sunday 4 January counts', () => {
    expect(addDuration(cst('2025-12-31 11:00'), { amount: 1, unit: 'working_days' }, cal)).toEqual(cst('2026-01-04 18:00'));
  });
});

describe('workingTimeBetween', () => {
  it('when the span crosses a weekend, then only office hours of working days count', () => {
    expect(workingTimeBetween(cst('2026-03-06 17:00'), cst('2026-03-09 10:00'), cal)).toEqual({ workingHours: 2 });
  });
  it('when the span crosses the Spring Festival, then only the working days around it count', () => {
    expect(workingTimeBetween(cst('2026-02-13 09:00'), cst('2026-02-24 18:00'), cal)).toEqual({ workingHours: 27 });
  });
  it('when the span lies outside office hours or runs backwards, then it is zero', () => {
    expect(workingTimeBetween(cst('2026-03-04 19:00'), cst('2026-03-04 23:00'), cal)).toEqual({ workingHours: 0 });
    expect(workingTimeBetween(cst('2026-03-05 10:00'), cst('2026-03-04 10:00'), cal)).toEqual({ workingHours: 0 });
  });
  it('when measured up to a working-hours deadline, then it gives back the duration', () => {
    for (const start of ['2026-02-13 15:10', '2026-09-30 12:00', '2026-03-06 09:00', '2026-05-08 17:59']) {
      for (const amount of [1, 4, 9, 24]) {
        const end = addDuration(cst(start), { amount, unit: 'working_hours' }, cal);
        expect(workingTimeBetween(cst(start), end, cal).workingHours).toBeCloseTo(amount, 9);
      }
    }
  });
});

describe('the machine time zone', () => {
  // shared has no Node types (it also runs in the mini-program); jest runs on Node.
  const process = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process;
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });
  it('when the process runs in another zone, then the answers are the same', () => {
    const answers = () => [
      cstDate(cst('2026-03-05 00:30')),
      addDuration(cst('2026-03-05 00:30'), { amount: 1, unit: 'working_days' }, cal).toISOString(),
      addDuration(cst('2026-02-13 17:00'), { amount: 2, unit: 'working_hours' }, cal).toISOString(),
    ];
    process.env.TZ = 'Asia/Shanghai';
    const inChina = answers();
    expect(inChina[0]).toBe('2026-03-05');
    for (const zone of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      process.env.TZ = zone;
      expect(answers()).toEqual(inChina);
    }
  });
});

describe('CALENDAR_2026 (国务院办公厅, 2025-11-04)', () => {
  it('lists 33 days off and 6 make-up days, all in 2026, none both', () => {
    expect(cal.holidays).toHaveLength(33);
    expect(cal.workdays).toHaveLength(6);
    for (const d of [...cal.holidays, ...cal.workdays]) expect(d.startsWith('2026-')).toBe(true);
    expect(cal.holidays.filter((d) => cal.workdays.includes(d))).toEqual([]);
  });
  it('puts every make-up working day on a weekend', () => {
    for (const d of cal.workdays) expect(isWorkingDay(d, plain)).toBe(false);
  });
});
