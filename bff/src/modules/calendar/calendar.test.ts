import mongoose from 'mongoose';
import { startTestServer, type TestServer } from '../../../test/http';
import { createCalendarService } from './calendar.service';

let server: TestServer;
let adminToken: string;
let conn: mongoose.Connection;
beforeAll(async () => {
  server = await startTestServer('calendar');
  await server.seed();
  adminToken = (await server.login('admin')).accessToken;
  conn = await mongoose.createConnection(server.mongoUri).asPromise();
});
afterAll(async () => {
  await conn.close();
  await server.close();
});

const cst = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+08:00`);
const put = (year: string | number, body: unknown, token = adminToken) => server.call('PUT', `/api/v1/admin/calendar/${year}`, { token, body });
const get = (year: string | number, token = adminToken) => server.call('GET', `/api/v1/admin/calendar/${year}`, { token });

describe('working calendar administration', () => {
  it('when the demo district is seeded, then 2026 holds the State Council arrangement', async () => {
    const res = await get(2026);
    expect(res.status).toBe(200);
    expect(res.body.holidays).toHaveLength(33);
    expect(res.body.holidays).toEqual(expect.arrayContaining(['2026-02-17', '2026-10-01']));
    expect(res.body.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(res.body.updatedAt).toEqual(expect.any(String));
  });

  it('when someone who is not an admin reads or sets a year, then 401 or 403 and nothing changes', async () => {
    const { accessToken } = await server.login('calendar-resident');
    const dispatcher = (await server.login('dispatcher')).accessToken;
    expect((await get(2026, accessToken)).status).toBe(403);
    expect((await put(2026, { holidays: [], workdays: [] }, dispatcher)).body.error.code).toBe('FORBIDDEN');
    expect((await server.call('GET', '/api/v1/admin/calendar/2026')).status).toBe(401);
    expect((await get(2026)).body.holidays).toHaveLength(33);
  });

  it('when a year was never set, then it reads as empty with no update time', async () => {
    expect((await get(2031)).body).toEqual({ year: 2031, holidays: [], workdays: [], updatedAt: null });
  });

  it('when an admin sets a year, then the days are kept sorted and once each, and the change is audited', async () => {
    const res = await put(2027, { holidays: ['2027-01-01', '2027-12-31', '2027-01-01'], workdays: ['2027-01-02'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2027, holidays: ['2027-01-01', '2027-12-31'], workdays: ['2027-01-02'] });
    expect((await get(2027)).body).toMatchObject({ holidays: ['2027-01-01', '2027-12-31'], workdays: ['2027-01-02'] });
    const audit = (await server.rawDocuments('audit_log')).filter((e) => e.action === 'calendar.updated');
    expect(audit).toContainEqual(expect.objectContaining({ subjectType: 'calendar', subjectId: '2027', details: { holidays: 2, workdays: 1 } }));
  });

  it.each([
    ['a day of another year', { holidays: ['2026-10-01'], workdays: [] }, 'body.holidays.0'],
    ['a date that does not exist', { holidays: ['2028-02-30'], workdays: [] }, 'body.holidays.0'],
    ['a day both off and on', { holidays: ['2028-01-01', '2028-01-02'], workdays: ['2028-01-02'] }, 'body.workdays'],
    ['a make-up day on a weekday', { holidays: [], workdays: ['2028-01-03'] }, 'body.workdays'],
  ])('when the body holds %s, then 400 CALENDAR_INVALID naming it, and the year is unchanged', async (_what, body, path) => {
    await put(2028, { holidays: ['2028-01-01'], workdays: [] });
    const res = await put(2028, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('CALENDAR_INVALID');
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path }));
    expect((await get(2028)).body).toMatchObject({ holidays: ['2028-01-01'], workdays: [] });
  });

  it('when the year or a date is malformed, or a field is unknown, then 400 VALIDATION_FAILED', async () => {
    expect((await get('20x6')).body.error.code).toBe('VALIDATION_FAILED');
    expect((await get(1999)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await put(2029, { holidays: ['2029/01/01'], workdays: [] })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await put(2029, { holidays: [], workdays: [], note: 'x' })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await put(2029, { holidays: [] })).status).toBe(400);
  });
});

describe('calendar service', () => {
  it('when a deadline crosses the Spring Festival, then it follows the seeded calendar', async () => {
    const calendar = createCalendarService({ conn });
    expect(await calendar.deadlineFrom(cst('2026-02-12 15:00'), { amount: 3, unit: 'working_days' })).toEqual(cst('2026-02-24 18:00'));
    expect(await calendar.deadlineFrom(cst('2026-02-12 15:00'), { amount: 30, unit: 'minutes' })).toEqual(cst('2026-02-12 15:30'));
  });

  it('when a year is set through the service, then its own deadlines follow at once, merged with the other years', async () => {
    const calendar = createCalendarService({ conn });
    const newYearsEve = cst('2030-12-31 10:00');
    expect(await calendar.deadlineFrom(newYearsEve, { amount: 1, unit: 'working_days' })).toEqual(cst('2031-01-01 18:00'));
    await calendar.setYear(2031, { holidays: ['2031-01-01', '2031-01-02', '2031-01-03'], workdays: [] }, 'test');
    expect(await calendar.deadlineFrom(newYearsEve, { amount: 1, unit: 'working_days' })).toEqual(cst('2031-01-06 18:00'));
    const merged = await calendar.getCalendar();
    expect(merged.holidays).toEqual(expect.arrayContaining(['2026-10-01', '2031-01-02']));
  });
});
