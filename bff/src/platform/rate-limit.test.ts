import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import mongoose, { type Connection } from 'mongoose';
import { spawnBenchServer } from '../../bench/child-server';
import { captureLogs, startTestServer, type TestServer } from '../../test/http';
import { testDatabaseUri } from '../../test/db';
import { advanceClock, resetClock } from './clock';
import type { AppContext, AppState } from './context';
import { connectDatabase } from './database';
import { createLogger } from './logger';
import { createRateLimitStore, limitRate, useRateLimitStore, type RateLimitOptions, type RateLimitStore } from './rate-limit';

let server: TestServer;
let conn: Connection;
let store: RateLimitStore;
beforeAll(async () => {
  server = await startTestServer('rate-limit', { config: { auth: { rateLimit: { windowSeconds: 60, max: 3 } } } });
  conn = await connectDatabase(testDatabaseUri('rate-limit-bare'));
  store = createRateLimitStore(conn, createLogger({ level: 'silent' }));
});
afterAll(async () => {
  await conn.close();
  await server.close();
});
afterEach(() => resetClock());

describe('auth rate limit', () => {
  it('when one client calls an auth route more than allowed in a window, then 429 until the window passes', async () => {
    for (let i = 0; i < 3; i++) await server.login(`burst-${i}`);
    const limited = await server.call('POST', '/api/v1/auth/wechat-login', { body: { code: 'dev:burst-x' } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(limited.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);

    // Other routes count separately, and the next window starts afresh.
    expect((await server.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: 'y'.repeat(43) } })).status).toBe(401);
    advanceClock(61_000);
    expect((await server.call('POST', '/api/v1/auth/wechat-login', { body: { code: 'dev:burst-y' } })).status).toBe(200);
  });
});

/**
 * A bare Koa app behind one limiter, over real HTTP, counting in the database: the client is told by
 * X-Forwarded-For (the app trusts one proxy, as behind the gateway) so that two clients can be told
 * apart on one machine.
 */
async function limitedApp(opts: RateLimitOptions, counts: RateLimitStore = store) {
  const app = new Koa<AppState>({ proxy: true, maxIpsCount: 1 });
  app.silent = true;
  useRateLimitStore(app, counts);
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      ctx.status = (err as { status?: number }).status ?? 500;
    }
  });
  app.use(limitRate(opts) as unknown as Koa.Middleware<AppState>);
  app.use((ctx) => {
    ctx.body = 'ok';
  });
  const http = app.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    status: async (path: string, forwardedFor = '203.0.113.1') => (await fetch(base + path, { headers: { 'X-Forwarded-For': forwardedFor } })).status,
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
      expect([await app.status('/c/1'), await app.status('/c/2')]).toEqual([200, 200]);
      expect(await app.status('/c/1')).toBe(429);
    } finally {
      await app.close();
    }
  });

  it('when the key is not per IP, then one count holds whatever address the requests come from', async () => {
    const app = await limitedApp({ windowSeconds: 60, max: 2, key: 'person-7', perIp: false });
    try {
      expect([await app.status('/d', '198.51.100.1'), await app.status('/d', '198.51.100.2')]).toEqual([200, 200]);
      expect(await app.status('/d', '198.51.100.3')).toBe(429);
    } finally {
      await app.close();
    }
  });
});

describe('the client behind trusted proxies', () => {
  it('when X-Forwarded-For entries left of the one our proxy appended change, then they share that client\'s one allowance', async () => {
    const app = await limitedApp({ windowSeconds: 60, max: 2, key: 'xff' });
    try {
      const spoofed = ['10.0.0.1', '10.0.0.2, 10.0.0.3', '1.2.3.4'].map((left) => `${left}, 198.51.100.9`);
      expect([await app.status('/x', spoofed[0]), await app.status('/x', spoofed[1])]).toEqual([200, 200]);
      expect(await app.status('/x', spoofed[2])).toBe(429);
      // the address the proxy appended is the client: another one has its own count
      expect(await app.status('/x', '10.0.0.1, 198.51.100.10')).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('when the database cannot count', () => {
  it('when the store fails, then the limit is counted in this process: nobody is locked out, the limit still holds, and a warning is logged', async () => {
    // nothing listens on port 1: every call to the store fails
    const down = mongoose.createConnection('mongodb://127.0.0.1:1/none', { serverSelectionTimeoutMS: 200 });
    down.on('error', () => {});
    const logs = captureLogs();
    const app = await limitedApp({ windowSeconds: 60, max: 2, key: 'down' }, createRateLimitStore(down, logs.logger));
    try {
      expect([await app.status('/e'), await app.status('/e')]).toEqual([200, 200]);
      expect(await app.status('/e')).toBe(429);
      expect(logs.text()).toContain('rate limit store failed');
    } finally {
      await app.close();
      await down.close();
    }
  });
});

describe('limits shared by every BFF process', () => {
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('when a client spreads its requests over two BFF processes, then they count against one allowance: 3 to each, the 6th of 5 allowed is refused', async () => {
    const limits = { auth: { rateLimit: { windowSeconds: 60, max: 5 } } };
    const first = await startTestServer('rate-limit-shared', { config: limits });
    try {
      const second = await spawnBenchServer('../test/child-bff.ts', [first.mongoUri, first.simulator.url], { GONGZHI_TEST_CONFIG: JSON.stringify(limits) });
      child = second.child;
      const login = async (url: string, i: number) =>
        (await fetch(`${url}/api/v1/auth/wechat-login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code: `dev:two-processes-${i}:${Date.now()}` }),
        })).status;
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push(await login(i % 2 === 0 ? first.url : second.url, i));
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    } finally {
      await first.close();
    }
  });
});
