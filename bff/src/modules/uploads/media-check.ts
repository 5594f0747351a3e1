import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * WeChat's checks of images: img_sec_check answers at once but takes at most 1 MB; larger images go
 * to media_check_async, which downloads the image from a link we give and pushes the verdict later to
 * the mini-program's message-push URL. The link is signed (HMAC over the upload id and its expiry) so
 * WeChat needs no login and nobody else can guess one; pushes are signed by WeChat with the push token.
 */
export const SYNC_CHECK_MAX_BYTES = 1024 * 1024;
/** How long WeChat has to download an image (its checks finish within 30 minutes). */
export const MEDIA_LINK_TTL_MS = 60 * 60_000;
/** A push older (or further ahead) than this is refused: a replay of a captured one, or a wrong clock. */
export const PUSH_MAX_SKEW_S = 5 * 60;

const mac = (key: string, id: string, expires: number) => createHmac('sha256', key).update(`${id}.${expires}`).digest('hex');

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

/** The link WeChat downloads an upload by: `<base>/api/v1/uploads/<id>/media?expires=<ms>&sig=<hex>`. */
export function mediaLink(key: string, baseUrl: string, id: string, expires: number): string {
  return `${baseUrl}/api/v1/uploads/${id}/media?expires=${expires}&sig=${mac(key, id, expires)}`;
}

export function mediaLinkValid(key: string, id: string, expires: number, sig: string, nowMs: number): boolean {
  return expires > nowMs && expires <= nowMs + MEDIA_LINK_TTL_MS && sameHex(mac(key, id, expires), sig);
}

/** WeChat's message-push signature: sha1 of the token, timestamp and nonce, sorted and joined. */
export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

export function pushSignatureValid(token: string, q: { signature: string; timestamp: string; nonce: string }, nowMs: number): boolean {
  if (Math.abs(Math.floor(nowMs / 1000) - Number(q.timestamp)) > PUSH_MAX_SKEW_S) return false;
  return sameHex(pushSignature(token, q.timestamp, q.nonce), q.signature);
}
