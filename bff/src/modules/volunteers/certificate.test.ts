import { startTestServer, type TestServer } from '../../../test/http';
import { advanceClock, resetClock } from '../../platform/clock';
import { VERIFY_RATE_LIMIT } from './certificate.routes';
import { setUpVolunteerWorld, volunteer, type VolunteerWorld } from './volunteer-test-kit';

let server: TestServer;
let world: VolunteerWorld;
beforeAll(async () => {
  server = await startTestServer('vol_certificates');
  world = await setUpVolunteerWorld(server);
});
afterAll(async () => {
  resetClock();
  await server.close();
});
afterEach(() => resetClock());

const verify = (number: string) => server.call('GET', `/api/v1/volunteer-certificates/${number}`);
const guessed = (i: number) => `GZC20260101${String(i).padStart(8, '0')}`;

describe('public certificate verification', () => {
  it('when one client checks more numbers than allowed in a window, then the next check gets 429 RATE_LIMITED whatever the number, until the window passes', async () => {
    const token = await volunteer(server, world, 'cert-rate');
    const issued = (await server.call('GET', '/api/v1/volunteers/me/certificate', { token })).body;
    expect((await verify(issued.number)).status).toBe(200);
    // a different number each time, as someone guessing would: one count for the whole route
    for (let i = 1; i < VERIFY_RATE_LIMIT.max; i++) expect((await verify(guessed(i))).status).toBe(404);
    const limited = await verify(guessed(VERIFY_RATE_LIMIT.max));
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await verify(issued.number)).status).toBe(429);
    // issuing is a signed-in route of its own and is not counted with verification
    expect((await server.call('GET', '/api/v1/volunteers/me/certificate', { token })).status).toBe(200);

    advanceClock(VERIFY_RATE_LIMIT.windowSeconds * 1000 + 1000);
    const later = await verify(issued.number);
    expect(later.status).toBe(200);
    expect(later.body.number).toBe(issued.number);
  });
});
