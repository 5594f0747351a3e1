import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { advanceClock, resetClock } from './clock';
import type { AppContext, AppState } from './context';
import { limitRate, type RateLimitOptions } from './rate-limit';
import { startTestServer, type TestServer } from '../../test/http';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('rate-limit', { config: { auth: { rateLimit: { windowSeconds: 60, max: 3 } } } });
});
afterAll(() => server.close());
afterEach(() => resetClock());

describe('auth rate limit', () => {
  it('when one client calls an auth route more than allowed in a window, then 429 until the window passes', async () => {
    for (let i = 0; i < 3; i++) await server.login(`burst-${i}`);
    const limited = await server.call('POST', '/api/v1/auth/wechat-login', { body: { code: 'dev:burst-x' } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    // Other routes count separately, and the next window starts afresh.
    expect((await server.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: 'y'.repeat(43) } })).status).toBe(401);
    advanceClock(61_000);
    expect((await server.call('POST', '/api/v1/auth/wechat-login', { body: { code: 'dev:burst-y' } })).status).toBe(200);
  });
});

/**
 * A bare Koa app behind one limiter, over real HTTP: the client is told by X-Forwarded-For (the app
 * trusts its proxy, as behind the gateway) so that two clients can be told apart on one machine.
 */
async function limitedApp(opts: RateLimitOptions) {
  const app = new Koa<AppState>({ proxy: true });
  app.silent = true;
  app.use(limitRate(opts));
  app.use((ctx) => {
    ctx.body = 'ok';
  });
  const http = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => http.once('listening', resolve));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    status: async (path: string, client = '203.0.113.1') => (await fetch(base + path, { headers: { 'X-Forwarded-For': client } })).status,
    close: () => new Promise((resolve) => http.close(resolve)),
  };
}

describe('what a limiter counts under', () => {
  it('when the key is a fixed string, then every path through the limiter shares one count per client', async () => {
    const app = await limitedApp({ windowSeconds: 60, max: 2, key: 'GET /certificates/:number' });
    try {
      expect([await app.status('/certificates/1'), await app.status('/certificates/2')]).toEqual([200, 200]);
      expect(await app.status('/certificates/3')).toBe(429);
      // another client has its own count
      expect(await app.status('/certificates/3', '203.0.113.2')).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('when the key is a function of the request, then the requests it puts together share a count and the others count apart', async () => {
    const app = await limitedApp({ windowSeconds: 60, max: 1, key: (ctx: AppContext) => ctx.path.split('/')[1] ?? '' });
    try {
      expect(await app.status('/a/1')).toBe(200);
      expect(await app.status('/a/2')).toBe(429);
      expect(await app.status('/b/1')).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('when no key is given, then each path counts on its own, as before', async () => {
    const app = await limitedApp({ windowSeconds: 60, max: 1 });
    try {
      expect([await app.status('/a/1'), await app.status('/a/2')]).toEqual([200, 200]);
      expect(await app.status('/a/1')).toBe(429);
    } finally {
      await app.close();
    }
  });
});
