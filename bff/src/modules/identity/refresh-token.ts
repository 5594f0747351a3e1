import { createHash, randomBytes } from 'node:crypto';

/**
 * Refresh tokens: 32 random bytes for the client, only their SHA-256 in the database, where the
 * session is found by that hash (a unique index). Tokens issued earlier carry their session's id in
 * front (`<id>.<random>`); they are found by their hash like any other.
 */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
