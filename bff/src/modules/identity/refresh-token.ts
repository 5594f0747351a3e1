import { createHash, randomBytes } from 'node:crypto';

/** Opaque refresh tokens: 32 random bytes for the client, only their SHA-256 in the database. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
