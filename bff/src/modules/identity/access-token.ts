import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Config } from '../../platform/config';
import { nowMs } from '../../platform/clock';
import { AppError } from '../../platform/errors';

// Pinned: a token naming any other algorithm (incl. "none") is refused by verify().
const ALGORITHM = 'HS256' as const;

// Given a string, jsonwebtoken first tries to parse it as a public key on every call (and fails),
// which costs more than the whole rest of a request; a ready KeyObject skips that.
const keys = new Map<string, KeyObject>();
const keyFor = (secret: string): KeyObject => {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
};

export interface AccessClaims {
  userId: string;
  tokenVersion: number;
}

export function signAccessToken(config: Config, claims: AccessClaims): string {
  return jwt.sign({ ver: claims.tokenVersion, iat: Math.floor(nowMs() / 1000) }, keyFor(config.secrets.jwtSecret), {
    algorithm: ALGORITHM,
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    subject: claims.userId,
    expiresIn: config.auth.accessTokenTtlSeconds,
    jwtid: randomUUID(),
  });
}

/**
 * A token already verified in full (signature, algorithm, issuer, audience, claims) is not verified
 * again on every request of its fifteen minutes: the HMAC and two JSON parses were a tenth of GET
 * /me. The cache holds only tokens that passed, keyed by the exact token text and by the config
 * that verified them; expiry is still checked on every use against the clock, and revocation never
 * depended on this step (the guard compares tokenVersion with the stored user on every request).
 */
const VERIFIED_CACHE_SIZE = 10_000;
const verified = new WeakMap<Config, Map<string, AccessClaims & { exp: number }>>();

export function verifyAccessToken(config: Config, token: string): AccessClaims {
  let cache = verified.get(config);
  if (!cache) verified.set(config, (cache = new Map()));
  const hit = cache.get(token);
  if (hit) {
    if (nowMs() / 1000 < hit.exp) return { userId: hit.userId, tokenVersion: hit.tokenVersion };
    cache.delete(token);
  }
  const claims = verifyInFull(config, token);
  // Oldest first out: a Map iterates in insertion order.
  if (cache.size >= VERIFIED_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(token, claims);
  return { userId: claims.userId, tokenVersion: claims.tokenVersion };
}

function verifyInFull(config: Config, token: string): AccessClaims & { exp: number } {
  let payload: jwt.JwtPayload;
  try {
    payload = jwt.verify(token, keyFor(config.secrets.jwtSecret), {
      algorithms: [ALGORITHM],
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      clockTimestamp: Math.floor(nowMs() / 1000),
    }) as jwt.JwtPayload;
  } catch (err) {
    if (err instanceof jwt.TokenExpiredError) throw new AppError('TOKEN_EXPIRED', 401);
    throw new AppError('TOKEN_INVALID', 401);
  }
  if (
    typeof payload.sub !== 'string' ||
    !/^[0-9a-f]{24}$/.test(payload.sub) ||
    typeof payload.ver !== 'number' ||
    typeof payload.exp !== 'number'
  ) {
    throw new AppError('TOKEN_INVALID', 401);
  }
  return { userId: payload.sub, tokenVersion: payload.ver, exp: payload.exp };
}
