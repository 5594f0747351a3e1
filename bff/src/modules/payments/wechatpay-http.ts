import type { IPayRequest } from 'wechatpay-node-v3/dist/lib/pay-request.interface';
import type { Output } from 'wechatpay-node-v3/dist/lib/interface-v2';
import { PaymentGatewayError } from './payment-errors';
import { signedHeaders, verifyWechatPaySignature, type PlatformKeys, type WechatPaySignedHeaders } from './platform-keys';

/** The host the SDK writes into every URL; it signs the path only, so we may send it elsewhere. */
export const WECHATPAY_SDK_HOST = 'https://api.mch.weixin.qq.com';
/** Bill files are the one answer WeChat Pay does not sign: the bill's hash_value covers them. */
const UNSIGNED_PATH = '/v3/billdownload/file';

export interface RawAnswer {
  status: number;
  headers: WechatPaySignedHeaders;
  text: string;
}

/**
 * The SDK's HTTP service, replaced (`createHttp`): sends to the configured base URL, sends the body
 * as the exact JSON the SDK signed, verifies the signature of every answer before anything reads it,
 * and turns WeChat Pay's refusals (4xx/5xx `{code, message}`) into thrown errors instead of the
 * SDK's `{status, errRaw}` values.
 */
export function createWechatPayHttp(opts: { baseUrl: string; keys: () => PlatformKeys; timeoutMs?: number }): IPayRequest & {
  raw(method: 'GET' | 'POST', sdkUrl: string, headers: Record<string, string>, body?: string): Promise<RawAnswer>;
} {
  const base = opts.baseUrl.replace(/\/$/, '');

  async function raw(method: 'GET' | 'POST', sdkUrl: string, headers: Record<string, string>, body?: string): Promise<RawAnswer> {
    if (!sdkUrl.startsWith(WECHATPAY_SDK_HOST)) throw new PaymentGatewayError('malformed', `unexpected URL from the SDK: ${sdkUrl}`);
    const path = sdkUrl.slice(WECHATPAY_SDK_HOST.length);
    let response: Response;
    try {
      response = await fetch(base + path, { method, headers: { accept: 'application/json', ...headers }, body, signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000) });
    } catch (error) {
      throw new PaymentGatewayError('network', `no answer from WeChat Pay for ${method} ${path.split('?')[0]}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { status: response.status, headers: signedHeaders(response.headers), text: await response.text() };
  }

  async function exchange(method: 'GET' | 'POST', sdkUrl: string, headers: Record<string, string>, body?: string): Promise<Output> {
    const answer = await raw(method, sdkUrl, headers, body);
    const path = new URL(sdkUrl).pathname;
    const ok = answer.status >= 200 && answer.status < 300;
    // A refusal without a signature is still a refusal (a proxy's 502 carries none); a success must be signed.
    if (path !== UNSIGNED_PATH && (ok || answer.headers.signature)) await verifyWechatPaySignature(opts.keys(), answer.headers, answer.text);
    const data = parse(answer.text);
    if (!ok) {
      const refusal = (typeof data === 'object' && data !== null ? data : {}) as { code?: string; message?: string };
      throw new PaymentGatewayError('refused', `WeChat Pay refused ${method} ${path}: ${answer.status} ${refusal.code ?? ''} ${refusal.message ?? ''}`.trim(), {
        status: answer.status,
        code: refusal.code,
        message: refusal.message,
      });
    }
    return { status: answer.status, data };
  }

  return {
    raw,
    post: (url, params, headers) => exchange('POST', url, headers as Record<string, string>, JSON.stringify(params)),
    get: (url, headers) => exchange('GET', url, headers as Record<string, string>),
    upload: () => Promise.reject(new PaymentGatewayError('malformed', 'uploads are not used by Gongzhi')),
  };
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
