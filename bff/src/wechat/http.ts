import { WechatApiError } from './wechat-api-error';

export interface WechatRequest {
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

/**
 * One round trip to a WeChat server API. WeChat reports failures as HTTP 200 with a non-zero
 * `errcode` (success has either `errcode: 0` or none at all), so both layers are checked here.
 * Error messages never include the URL: its query carries the app secret or the access token.
 */
export async function callWechat<T>(baseUrl: string, request: WechatRequest, timeoutMs: number): Promise<T> {
  const url = new URL(request.path, baseUrl);
  for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);

  let response: Response;
  try {
    response = await fetch(url, {
      method: request.body === undefined ? 'GET' : 'POST',
      headers: request.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new WechatApiError(-1, describeNetworkFailure(error, timeoutMs));
  }

  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    throw new WechatApiError(-1, `unreadable answer (HTTP ${response.status}) from ${request.path}`);
  }
  if (!isObject(payload)) throw new WechatApiError(-1, `unexpected answer from ${request.path}`);
  const errcode = payload.errcode;
  if (typeof errcode === 'number' && errcode !== 0) {
    throw new WechatApiError(errcode, typeof payload.errmsg === 'string' ? payload.errmsg : '');
  }
  if (!response.ok) throw new WechatApiError(-1, `HTTP ${response.status} from ${request.path}`);
  return payload as T;
}

function describeNetworkFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return `network failure${typeof cause?.code === 'string' ? ` (${cause.code})` : ''}`;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
