import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';

/**
 * Refresh tokens: `<session family id>.<32 random bytes>` for the client, only their SHA-256 in the
 * database. The family id in front lets the session be read by `_id` (FerretDB reads the whole
 * collection for a filter on the hash); it is no secret, the random part is.
 */
export function newRefreshToken(familyId: Types.ObjectId): { token: string; hash: string } {
  const token = `${familyId.toHexString()}.${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashRefreshToken(token) };
}

/** The session family a token names; null for tokens issued before tokens named it. */
export function familyIdOf(token: string): Types.ObjectId | null {
  const m = /^([0-9a-f]{24})\./.exec(token);
  return m ? new Types.ObjectId(m[1]) : null;
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
