import { API_BASE, authApi, pathOf, type HttpMethod, type RouteContract, type RouteInput, type RouteOutput } from '@gongzhi/shared';
import { ApiError } from './errors';
import type { SessionStore, SessionTokens } from './session';

export type { HttpMethod };

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  data?: unknown;
}

export interface HttpResponse {
  status: number;
  data: unknown;
}

/** Sends one HTTP request; resolves for every HTTP status and rejects only when nothing came back. */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /**
   * true (default): attach the access token and refresh once on 401; 'once': attach it but never
   * refresh (logout); false: calls made before there is a session (login).
   */
  auth?: boolean | 'once';
  /** extra headers, e.g. `Idempotency-Key` */
  headers?: Record<string, string>;
}

/** Everything but what the contract states: the session rule and extra headers. */
export type CallOptions = Pick<RequestOptions, 'auth' | 'headers'>;

/** The input argument is optional when the contract takes no params and no body. */
type CallArgs<C extends RouteContract> = object extends RouteInput<C>
  ? [input?: RouteInput<C>, options?: CallOptions]
  : [input: RouteInput<C>, options?: CallOptions];

export interface ApiClient {
  /**
   * Calls one route contract (`shared/src/<domain>.api.ts`): the path is filled from its params, and
   * the answer has the contract's response type. The only way the screens reach the BFF.
   */
  call<C extends RouteContract>(route: C, ...args: CallArgs<C>): Promise<RouteOutput<C>>;
  /** the transport under `call`, by method and path below the base URL */
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T>;
  /**
   * For calls that cannot go through the JSON transport (file uploads and downloads): `attempt`
   * sends with the given access token; a 401 refreshes once and retries, like `request`.
   */
  authorized<T>(attempt: (accessToken: string | undefined) => Promise<HttpResponse>): Promise<T>;
  readonly baseUrl: string;
  readonly session: SessionStore;
}

export interface ApiClientOptions {
  /** e.g. http://127.0.0.1:3000/api/v1 */
  baseUrl: string;
  transport: Transport;
  session: SessionStore;
  /** called after the session was cleared because the BFF refused to refresh it */
  onSessionEnded?: () => void;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const { baseUrl, transport, session, onSessionEnded } = options;
  // One refresh at a time: refresh tokens rotate, so two concurrent refreshes with the same token
  // would look like token theft to the BFF and revoke the whole session family.
  let refreshing: Promise<SessionTokens> | undefined;

  async function send(method: HttpMethod, path: string, opts: RequestOptions, accessToken?: string) {
    const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
    let response: HttpResponse;
    try {
      response = await transport({ method, url: baseUrl + path + queryString(opts.query), headers, data: opts.body });
    } catch {
      throw new ApiError('NETWORK', 0);
    }
    return response;
  }

  function refreshSession(): Promise<SessionTokens> {
    refreshing ??= (async () => {
      const current = session.read();
      if (!current) throw new ApiError('UNAUTHENTICATED', 401);
      const response = await send(authApi.refresh.method, authApi.refresh.path, { body: { refreshToken: current.refreshToken } });
      if (response.status !== 200) {
        const error = errorFrom(response);
        // A network failure keeps the session (the tokens may still be good); a refusal ends it.
        if (response.status >= 400 && response.status < 500 && response.status !== 429) {
          session.clear();
          onSessionEnded?.();
        }
        throw error;
      }
      const data = response.data as SessionTokens;
      const tokens = { accessToken: data.accessToken, refreshToken: data.refreshToken };
      session.write(tokens);
      return tokens;
    })().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  async function withSession<T>(
    attempt: (accessToken: string | undefined) => Promise<HttpResponse>,
    auth: RequestOptions['auth'] = true,
  ): Promise<T> {
    const usedToken = auth !== false ? session.read()?.accessToken : undefined;
    let response = await attempt(usedToken);
    if (response.status === 401 && usedToken && auth !== 'once') {
      // Another call may already have refreshed while this one was in flight.
      const latest = session.read()?.accessToken;
      const token = latest && latest !== usedToken ? latest : (await refreshSession()).accessToken;
      response = await attempt(token);
    }
    if (response.status >= 200 && response.status < 300) return response.data as T;
    throw errorFrom(response);
  }

  function request<T>(method: HttpMethod, path: string, opts: RequestOptions = {}): Promise<T> {
    return withSession<T>((token) => send(method, path, opts, token), opts.auth);
  }

  function authorized<T>(attempt: (accessToken: string | undefined) => Promise<HttpResponse>): Promise<T> {
    return withSession<T>(async (token) => {
      try {
        return await attempt(token);
      } catch {
        throw new ApiError('NETWORK', 0);
      }
    });
  }

  function call<C extends RouteContract>(route: C, ...[input, options]: CallArgs<C>): Promise<RouteOutput<C>> {
    if (route.base !== undefined && route.base !== API_BASE) throw new Error(`${route.path} is not under ${API_BASE}`);
    const given = (input ?? {}) as { params?: Record<string, string | number>; query?: RequestOptions['query']; body?: unknown };
    return request<RouteOutput<C>>(route.method, pathOf(route, given.params), { query: given.query, body: given.body, ...options });
  }

  return { call, request, authorized, baseUrl, session };
}

function errorFrom(response: HttpResponse): ApiError {
  const body = response.data as { error?: { code?: unknown; details?: unknown } } | null | undefined;
  const code = typeof body?.error?.code === 'string' ? body.error.code : codeForStatus(response.status);
  return new ApiError(code, response.status, body?.error?.details);
}

function codeForStatus(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  return 'INTERNAL';
}

function queryString(query: RequestOptions['query']): string {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
