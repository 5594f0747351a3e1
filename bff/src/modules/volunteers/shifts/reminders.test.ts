import { startTestServer, type TestServer } from '../../../../test/http';
import { runOutboxOnce } from '../../notifications/outbox-delivery';
import { acceptSubscriptions } from '../../notifications/notification-test-kit';
import { NOTICES } from '../../notifications/notices';
import { runVolunteerRemindersOnce } from './reminders';
import { createShift, setUpVolunteerWorld, shiftBody, signUp, volunteer, workerDeps, type VolunteerWorld } from '../volunteer-test-kit';

let server: TestServer;
let world: VolunteerWorld;
let deps: Awaited<ReturnType<typeof workerDeps>>;
beforeAll(async () => {
  server = await startTestServer('volunteer-reminders');
  world = await setUpVolunteerWorld(server);
  deps = await workerDeps(server);
});
afterAll(async () => {
  await deps.close();
  await server.close();
});

const HOUR = 3600_000;
const reminders = () => server.simulator.sentMessages().filter((m) => m.templateId === server.config.wechat.subscribeTemplates.volunteerShift && m.data.phrase4?.value === '即将开始');

describe('reminders before a shift', () => {
  it('when two workers run at 48 h and again at 2 h before, then each confirmed volunteer gets each reminder once, and the waitlisted none', async () => {
    const a = await volunteer(server, world, 'remind-a');
    const b = await volunteer(server, world, 'remind-b');
    const waiting = await volunteer(server, world, 'remind-c');
    const t0 = Date.now();
    const id = await createShift(server, world.staff, world.projectId, shiftBody({ startsInHours: 60, capacity: 2 }));
    // each accepts the shift template on both sign-up taps' worth: one subscription per reminder
    for (const t of [a, b, waiting]) for (let i = 0; i < 2; i++) await acceptSubscriptions(server, t, 'volunteerSignup');
    for (const t of [a, b, waiting]) await signUp(server, t, id);
    const startAt = t0 + 60 * HOUR;
    const run = (at: number) => Promise.all([runVolunteerRemindersOnce(deps, { now: new Date(at) }), runVolunteerRemindersOnce(deps, { now: new Date(at) })]);
    const deliver = (at: number) => Promise.all([1, 2].map(() => runOutboxOnce(deps, { collections: [NOTICES], now: new Date(at) })));

    await run(startAt - 50 * HOUR); // too early
    expect((await server.rawDocuments(NOTICES)).filter((n) => String(n.subjectId) === id)).toHaveLength(0);

    await run(startAt - 47 * HOUR);
    await run(startAt - 46 * HOUR);
    await deliver(startAt - 46 * HOUR);
    expect(reminders().map((m) => m.data.thing5!.value)).toEqual(['您报名的志愿服务两天后开始', '您报名的志愿服务两天后开始']);

    await run(startAt - 1.5 * HOUR);
    await run(startAt - 1 * HOUR);
    await deliver(startAt - 1 * HOUR);
    const sent = reminders();
    expect(sent).toHaveLength(4);
    expect(sent.filter((m) => m.data.thing5!.value === '您报名的志愿服务两小时后开始')).toHaveLength(2);
    expect(new Set(sent.map((m) => m.touser)).size).toBe(2);
    expect(sent[0]).toMatchObject({ page: `packages/volunteers/shift/index?id=${id}`, data: { thing1: { value: '关爱独居老人' } } });

    await run(startAt + HOUR); // started: nothing more
    expect(reminders()).toHaveLength(4);
  });
});
