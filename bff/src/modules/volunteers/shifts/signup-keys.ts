import { createHash } from 'node:crypto';
import { Types } from 'mongoose';

/**
 * A sign-up's _id is derived from its shift and volunteer: "my sign-up for this shift" is a lookup by
 * _id, and two racing requests of one volunteer for one shift name the same sign-up (and the same held
 * time, signup-overlap.ts) before the unique {shiftId, userId} index lets one of them insert it. It
 * stays an ObjectId (attendance, hours and ratings name sign-ups by ObjectId); 96 bits of SHA-256 make
 * a collision between two pairs practically impossible.
 */
export function signupIdOf(shiftId: Types.ObjectId | string, userId: Types.ObjectId | string): Types.ObjectId {
  const digest = createHash('sha256').update(`${shiftId.toString()}:${userId.toString()}`).digest();
  return new Types.ObjectId(digest.subarray(0, 12));
}
