import { createApiClient, type HttpRequest, type HttpResponse, type Transport } from './client';
import { ApiError } from './errors';
import type { SessionStore, SessionTokens } from './session';

/**
 * The transport is the boundary here: a small stand-in BFF that knows one valid access token and
 * rotates refresh tokens like the real one. The real BFF is exercised end to end by e2e/.
 */
function fakeBff() {
  let validAccess = 'access-1';
  let validRefresh = 'refresh-1';
  let refreshAnswer: 'rotate' | 'refuse' | 'offline' = 'rotate';
  let generation = 1;
  const calls: HttpRequest[] = [];
  const refreshes: string[] = [];

  const transport: Transport = async (request) => {
    calls.push(request);
    // let concurrent calls interleave the way real network calls do
    await new Promise((resolve) => setTimeout(resolve, 1));
    const path = request.url.replace('http://bff.test/api/v1', '');
    if (path === '/auth/refresh') {
      const { refreshToken } = request.data as { refreshToken: string };
      refreshes.push(refreshToken);
      if (refreshAnswer === 'offline') throw new Error('socket hang up');
      if (refreshAnswer === 'refuse' || refreshToken !== validRefresh) {
        return error(401, 'REFRESH_TOKEN_INVALID');
      }
      generation += 1;
      validAccess = `access-${generation}`;
      validRefresh = `refresh-${generation}`;
      return { status: 200, data: { accessToken: validAccess, refreshToken: validRefresh, expiresIn: 900 } };
    }
    if (request.headers.Authorization !== `Bearer ${validAccess}`) return error(401, 'TOKEN_EXPIRED');
    if (path === '/me') return { status: 200, data: { id: 'u1' } };
    if (path === '/me/real-name') return error(409, 'ID_ALREADY_REGISTERED');
    return error(404, 'NOT_FOUND');
  };

  return {
    transport,
    calls,
    refreshes,
    expireAccessToken() {
      validAccess = 'access-rotated-by-server';
    },
    answerRefreshWith(answer: typeof refreshAnswer) {
      refreshAnswer = answer;
    },
  };
}

function error(status: number, code: string): HttpResponse {
  return { status, data: { error: { code, message: 'server text is not shown' } } };
}

function memorySession(initial?: SessionTokens): SessionStore & { current?: SessionTokens } {
  const store: SessionStore & { current?: SessionTokens } = {
    current: initial,
    read: () => store.current,
    write: (tokens) => {
      store.current = tokens;
    },
    clear: () => {
      store.current = undefined;
    },
  };
  return store;
}

function setup() {
  const bff = fakeBff();
  const session = memorySession({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  const ended = jest.fn();
  const client = createApiClient({ baseUrl: 'http://bff.test/api/v1', transport: bff.transport, session, onSessionEnded: ended });
  return { bff, session, client, ended };
}

describe('API client', () => {
  it('when the access token is valid, then it sends it as a bearer token and returns the body', async () => {
    const { bff, client } = setup();
    await expect(client.request('GET', '/me')).resolves.toEqual({ id: 'u1' });
    expect(bff.calls[0]?.headers.Authorization).toBe('Bearer access-1');
    expect(bff.refreshes).toEqual([]);
  });

  it('when the access token has expired, then it refreshes once, stores the new tokens and retries', async () => {
    const { bff, client, session } = setup();
    bff.expireAccessToken();
    await expect(client.request('GET', '/me')).resolves.toEqual({ id: 'u1' });
    expect(bff.refreshes).toEqual(['refresh-1']);
    expect(session.current).toEqual({ accessToken: 'access-2', refreshToken: 'refresh-2' });
    expect(bff.calls.at(-1)?.headers.Authorization).toBe('Bearer access-2');
  });

  it('when several calls meet an expired token at once, then they share one refresh', async () => {
    const { bff, client } = setup();
    bff.expireAccessToken();
    const results = await Promise.all([
      client.request('GET', '/me'),
      client.request('GET', '/me'),
      client.request('GET', '/me'),
    ]);
    expect(results).toEqual([{ id: 'u1' }, { id: 'u1' }, { id: 'u1' }]);
    // a second refresh with refresh-1 would be a reuse and revoke the session family
    expect(bff.refreshes).toEqual(['refresh-1']);
  });

  it('when the BFF refuses the refresh, then the session is cleared and the refusal is reported', async () => {
    const { bff, client, session, ended } = setup();
    bff.expireAccessToken();
    bff.answerRefreshWith('refuse');
    const failure = client.request('GET', '/me');
    await expect(failure).rejects.toMatchObject({ code: 'REFRESH_TOKEN_INVALID', status: 401, message: '登录状态已失效，请重新登录' });
    expect(session.current).toBeUndefined();
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('when the network fails during the refresh, then the session is kept and the error is NETWORK', async () => {
    const { bff, client, session } = setup();
    bff.expireAccessToken();
    bff.answerRefreshWith('offline');
    await expect(client.request('GET', '/me')).rejects.toMatchObject({ code: 'NETWORK', status: 0 });
    expect(session.current).toEqual({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  });

  it('when the server answers with an error code, then it becomes an ApiError with the Chinese message for that code', async () => {
    const { client } = setup();
    const failure = await client
      .request('POST', '/me/real-name', { body: { name: '张三' } })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ code: 'ID_ALREADY_REGISTERED', status: 409, message: '该身份证号码已被其他账号实名登记' });
  });

  it('when nothing comes back, then the error is NETWORK with its message', async () => {
    const session = memorySession();
    const client = createApiClient({
      baseUrl: 'http://bff.test/api/v1',
      transport: () => Promise.reject(new Error('ECONNREFUSED')),
      session,
    });
    await expect(client.request('GET', '/communities')).rejects.toMatchObject({
      code: 'NETWORK',
      message: '网络连接失败，请检查网络后重试',
    });
  });

  it('when a call is made without a session, then no Authorization header is sent and no refresh is tried', async () => {
    const bff = fakeBff();
    const client = createApiClient({ baseUrl: 'http://bff.test/api/v1', transport: bff.transport, session: memorySession() });
    await expect(client.request('GET', '/me')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED', status: 401 });
    expect(bff.calls[0]?.headers.Authorization).toBeUndefined();
    expect(bff.refreshes).toEqual([]);
  });

  it('when a query is given, then it is encoded onto the URL and undefined values are left out', async () => {
    const bff = fakeBff();
    const client = createApiClient({ baseUrl: 'http://bff.test/api/v1', transport: bff.transport, session: memorySession() });
    await client.request('GET', '/communities', { query: { cursor: 'a b', limit: 100, skip: undefined } }).catch(() => undefined);
    expect(bff.calls[0]?.url).toBe('http://bff.test/api/v1/communities?cursor=a%20b&limit=100');
  });

  it('when extra headers are given (an Idempotency-Key), then they are sent, on the retry after a refresh too', async () => {
    const { bff, client } = setup();
    bff.expireAccessToken();
    await client.request('GET', '/me', { headers: { 'Idempotency-Key': 'key-0123456789' } });
    expect(bff.calls.filter((c) => c.url.endsWith('/me')).map((c) => c.headers['Idempotency-Key'])).toEqual([
      'key-0123456789',
      'key-0123456789',
    ]);
  });

  it('when an upload-style call meets an expired token, then it is refreshed once and the call repeated with the new token', async () => {
    const { bff, client } = setup();
    bff.expireAccessToken();
    const tokens: Array<string | undefined> = [];
    const result = await client.authorized<{ id: string }>(async (token) => {
      tokens.push(token);
      return token === 'access-2' ? { status: 201, data: { id: 'photo-1' } } : { status: 401, data: { error: { code: 'TOKEN_EXPIRED' } } };
    });
    expect(result).toEqual({ id: 'photo-1' });
    expect(tokens).toEqual(['access-1', 'access-2']);
    expect(bff.refreshes).toEqual(['refresh-1']);
  });

  it('when an upload-style call throws (nothing came back), then the error is NETWORK', async () => {
    const { client } = setup();
    await expect(client.authorized(() => Promise.reject(new Error('uploadFile:fail')))).rejects.toMatchObject({ code: 'NETWORK' });
  });
});
