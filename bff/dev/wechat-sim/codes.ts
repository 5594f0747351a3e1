import { createHash } from 'node:crypto';

/** Phone-number codes from WeChat expire after five minutes. */
export const PHONE_CODE_LIFETIME_MS = 5 * 60 * 1000;

/**
 * A stable openid for a login name, shaped like WeChat's (28 characters starting with "o"),
 * different per app as WeChat's are.
 */
export function devOpenidFor(appId: string, name: string): string {
  return `o${digest(`openid:${appId}:${name}`).slice(0, 27)}`;
}

/** unionids are shared by every app of one WeChat open-platform account, so they ignore the app. */
export function devUnionidFor(name: string): string {
  return `u${digest(`unionid:${name}`).slice(0, 27)}`;
}

/** `dev:<name>` or `dev:<name>:<nonce>` → the login name; anything else is not a code we issued. */
export function parseLoginCode(code: string): string | undefined {
  const parts = code.split(':');
  if (parts[0] !== 'dev' || (parts.length !== 2 && parts.length !== 3)) return undefined;
  const [, name, nonce] = parts;
  if (!name || name.length > 64 || nonce === '') return undefined;
  return name;
}

/** `phone:<11 digits>[:<nonce>[:<issuedAtMs>]]` → the number and, when given, when it was issued. */
export function parsePhoneCode(code: string): { phone: string; issuedAtMs?: number } | undefined {
  const parts = code.split(':');
  if (parts[0] !== 'phone' || parts.length < 2 || parts.length > 4) return undefined;
  const [, phone, nonce, issuedAt] = parts;
  if (!phone || !/^\d{11}$/.test(phone) || nonce === '') return undefined;
  if (issuedAt === undefined) return { phone };
  if (!/^\d{1,15}$/.test(issuedAt)) return undefined;
  return { phone, issuedAtMs: Number(issuedAt) };
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
