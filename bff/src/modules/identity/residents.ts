import type { Connection, mongo } from 'mongoose';

/**
 * Real-name residents of these communities (or of the street) now: the base of a poll's or a
 * budgeting round's participation rate. Counted by community on the users index real_name_community.
 */
export async function countResidents(conn: Connection, communities: 'street' | mongo.BSON.ObjectId[]): Promise<number> {
  const ids = communities === 'street' ? (await conn.db!.collection('communities').find({}, { projection: { _id: 1 } }).toArray()).map((c) => c._id) : communities;
  return conn.db!.collection('users').countDocuments({ 'realName.communityId': { $in: ids }, deletedAt: { $exists: false } }, { hint: 'real_name_community' });
}
