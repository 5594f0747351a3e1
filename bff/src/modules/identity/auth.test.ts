import jwt from 'jsonwebtoken';
import mongoose from 'mongoose';
import { hashRefreshToken } from './refresh-token';
import { advanceClock, resetClock } from '../../platform/clock';
import { startTestServer, type TestServer } from '../../../test/http';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('auth');
});
afterAll(() => server.close());
afterEach(() => resetClock());

describe('WeChat login', () => {
  it('when a new WeChat user logs in, then they get tokens and a resident account', async () => {
    const res = await server.call('POST', '/api/v1/auth/wechat-login', { body: { code: 'dev:alice:1' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ expiresIn: 900, user: { verified: false, roles: [{ role: 'resident' }] } });
    // 32 random bytes
    expect(res.body.refreshToken).toMatch(/^[\w-]{43}$/);
    const me = await server.call('GET', '/api/v1/me', { token: res.body.accessToken });
    expect(me.body.id).toBe(res.body.user.id);
  });

  it('when the same WeChat user logs in again, then it is the same account', async () => {
    const first = await server.login('bob');
    const second = await server.login('bob');
    expect(second.user.id).toBe(first.user.id);
    expect((await server.rawDocuments('users')).filter((u) => String(u._id) === first.user.id)).toHaveLength(1);
  });

  it('when a login code is used twice, then the second login is refused', async () => {
    await server.call('POST', '/api/v1/auth/wechat-login', { body: { code: 'dev:carol:once' } });
    const again = await server.call('POST', '/api/v1/auth/wechat-login', { body: { code: 'dev:carol:once' } });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('WECHAT_CODE_INVALID');
  });
});

describe('refresh tokens', () => {
  it('when a refresh token is used, then it is rotated and the new pair works', async () => {
    const login = await server.login('dave');
    const res = await server.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: login.refreshToken } });
    expect(res.status).toBe(200);
    expect(res.body.refreshToken).not.toBe(login.refreshToken);
    expect((await server.call('GET', '/api/v1/me', { token: res.body.accessToken })).status).toBe(200);
    const families = await server.rawDocuments('refresh_families');
    expect(JSON.stringify(families)).not.toContain(res.body.refreshToken);
  });

  it('when a rotated refresh token is presented again, then the whole family is revoked', async () => {
    const login = await server.login('erin');
    const rotated = await server.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: login.refreshToken } });

    const reuse = await server.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: login.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('REFRESH_TOKEN_REUSED');

    const newest = await server.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: rotated.body.refreshToken } });
    expect(newest.status).toBe(401);
    expect((await server.call('GET', '/api/v1/me', { token: rotated.body.accessToken })).status).toBe(401);
  });

  it('when one refresh token is presented ten times at once, then at most one rotation succeeds, the rest count as reuse and the session ends', async () => {
    // A race shows only sometimes, so several sessions race; without the conditional rotation most runs fail.
    for (let round = 0; round < 4; round++) {
      const login = await server.login(`refresh-race-${round}`);
      const results = await Promise.all(
        Array.from({ length: 10 }, () => server.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: login.refreshToken } })),
      );
      const rotated = results.filter((r) => r.status === 200);
      expect(rotated.length).toBeLessThanOrEqual(1);
      // the winner may itself lose to the reuse it triggered (the family is revoked mid-rotation)
      expect(results.filter((r) => r.body.error?.code === 'REFRESH_TOKEN_REUSED').length).toBeGreaterThanOrEqual(9);
      for (const r of rotated) {
        const next = await server.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: r.body.refreshToken } });
        expect(next.status).toBe(401);
      }
    }
  });

  it('when a user logs out, then that refresh token no longer works', async () => {
    const login = await server.login('frank');
    expect((await server.call('POST', '/api/v1/auth/logout', { body: { refreshToken: login.refreshToken } })).status).toBe(204);
    const res = await server.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: login.refreshToken } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('REFRESH_TOKEN_INVALID');
  });

  it('when a refresh token is unknown, then it is refused', async () => {
    const res = await server.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: 'x'.repeat(43) } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('REFRESH_TOKEN_INVALID');
  });

  it("when a token names a real session but is not one of its tokens, then it is refused and the session goes on", async () => {
    const login = await server.login('grace');
    const forged = `${login.refreshToken.split('.')[0]}.${'y'.repeat(43)}`;
    const res = await server.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: forged } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('REFRESH_TOKEN_INVALID');
    expect((await server.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: login.refreshToken } })).status).toBe(200);
  });

  it('when a token of an earlier format is presented, then it is found by its hash and rotated to a plain random token', async () => {
    const login = await server.login('heidi');
    const legacy = 'L'.repeat(43);
    const conn = await mongoose.createConnection(server.mongoUri).asPromise();
    try {
      const family = await conn.db!.collection('refresh_families').findOne({ currentHash: hashRefreshToken(login.refreshToken) });
      await conn.db!.collection('refresh_families').updateOne({ _id: family!._id }, { $set: { currentHash: hashRefreshToken(legacy) } });
    } finally {
      await conn.close();
    }
    const res = await server.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: legacy } });
    expect(res.status).toBe(200);
    expect(res.body.refreshToken).toMatch(/^[\w-]{43}$/);
  });
});

describe('access tokens', () => {
  const sign = (payload: object, opts: jwt.SignOptions, secret = server.config.secrets.jwtSecret) =>
    jwt.sign(payload, secret, { algorithm: 'HS256', issuer: server.config.auth.issuer, audience: server.config.auth.audience, expiresIn: 900, ...opts });
  const meWith = (token: string) => server.call('GET', '/api/v1/me', { token });

  it('when no token is sent, then the answer is 401 UNAUTHENTICATED', async () => {
    const res = await server.call('GET', '/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('when a token is signed with another key, then it is refused', async () => {
    const { user } = await server.login('gina');
    const res = await meWith(sign({ ver: 0 }, { subject: user.id }, 'another-secret-another-secret-another'));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('TOKEN_INVALID');
  });

  it('when a token says alg "none", then it is refused', async () => {
    const { user } = await server.login('hank');
    const unsigned = jwt.sign({ ver: 0, sub: user.id, iss: server.config.auth.issuer, aud: server.config.auth.audience }, '', { algorithm: 'none' });
    expect(unsigned.split('.')[2]).toBe('');
    expect((await meWith(unsigned)).status).toBe(401);
  });

  it('when a token is for another audience, then it is refused', async () => {
    const { user } = await server.login('ivy');
    const res = await meWith(sign({ ver: 0 }, { subject: user.id, audience: 'someone-else' }));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('TOKEN_INVALID');
  });

  it('when a token is past its 15 minutes, then it is refused as expired', async () => {
    const { accessToken } = await server.login('jack');
    expect((await meWith(accessToken)).status).toBe(200);
    advanceClock(15 * 60_000 + 1000);
    const res = await meWith(accessToken);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('TOKEN_EXPIRED');
  });

  it('when the access token is well signed but the payload was altered, then it is refused', async () => {
    const { accessToken } = await server.login('kate');
    const [head, body, sig] = accessToken.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: '0'.repeat(24) })).toString('base64url');
    expect((await meWith(`${head}.${forged}.${sig}`)).status).toBe(401);
  });
});

describe('who is calling, when many call at once', () => {
  it('when twenty people call together, then each is answered as themselves, and one whose tokens were revoked a moment before is refused among them', async () => {
    const people = await Promise.all(Array.from({ length: 20 }, (_, i) => server.login(`together-${i}`)));
    const revoked = people[7]!;
    const conn = await mongoose.createConnection(server.mongoUri).asPromise();
    await conn.db!.collection('users').updateOne({ _id: new mongoose.Types.ObjectId(revoked.user.id) }, { $inc: { tokenVersion: 1 } });
    await conn.close();
    // the guard reads the users of requests that arrive together in one query (identity/guards.ts)
    const answers = await Promise.all([...people, ...people].map((p) => server.call('GET', '/api/v1/me', { token: p.accessToken })));
    answers.forEach((res, i) => {
      const person = people[i % people.length]!;
      if (person === revoked) expect(res.status).toBe(401);
      else expect([res.status, res.body.id]).toEqual([200, person.user.id]);
    });
  });
});
