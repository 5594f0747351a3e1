import { randomBytes } from 'node:crypto';

export const ACCESS_TOKEN_LIFETIME_S = 7200;

export type TokenCheck = { ok: true } | { ok: false; errcode: number; errmsg: string };

// WeChat renews a stable token in its last five minutes, while the old one stays valid to its end,
// so a normal stable_token answer always has expires_in >= 300.
const RENEWAL_WINDOW_MS = 5 * 60 * 1000;

/**
 * The access tokens the simulator has issued. Like WeChat's stable_token, a normal request returns
 * the current token until its last five minutes; a forced refresh retires it at once and issues a
 * new one; /cgi-bin/token always issues a new one.
 */
export function createTokenStore(now: () => number) {
  const expiresAt = new Map<string, number>();
  let stable: string | undefined;
  let issued = 0;

  function issue(): string {
    const token = `${randomBytes(24).toString('base64url')}${++issued}`;
    expiresAt.set(token, now() + ACCESS_TOKEN_LIFETIME_S * 1000);
    return token;
  }

  function answer(token: string) {
    const remaining = Math.max(0, Math.floor(((expiresAt.get(token) ?? 0) - now()) / 1000));
    return { access_token: token, expires_in: remaining };
  }

  return {
    stableToken(forceRefresh: boolean) {
      if (!forceRefresh && stable !== undefined && (expiresAt.get(stable) ?? 0) - now() > RENEWAL_WINDOW_MS) {
        return answer(stable);
      }
      if (forceRefresh && stable !== undefined) expiresAt.delete(stable);
      stable = issue();
      return answer(stable);
    },

    plainToken() {
      return answer(issue());
    },

    check(token: string | null): TokenCheck {
      if (!token) return { ok: false, errcode: 41001, errmsg: 'access_token missing' };
      const until = expiresAt.get(token);
      if (until === undefined) {
        return { ok: false, errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
      }
      if (until <= now()) return { ok: false, errcode: 42001, errmsg: 'access_token expired' };
      return { ok: true };
    },

    /** Test hook: every issued token now answers 42001, as after WeChat's two hours. */
    expireAll() {
      for (const token of expiresAt.keys()) expiresAt.set(token, now());
    },

    /** Test hook: every issued token now answers 40001, as when another process forced a refresh. */
    revokeAll() {
      expiresAt.clear();
      stable = undefined;
    },
  };
}
