import { Types, type Connection } from 'mongoose';
import { CURRENT_CONSENT_VERSION } from '@gongzhi/shared';
import { signAccessToken } from '../src/modules/identity/access-token';
import { loadConfig } from '../src/platform/config';

/**
 * `n` real-name residents of a community, made straight in the database (the login route limits each
 * address) and given access tokens by the BFF's own signer: a bench's crowd.
 */
export async function benchResidents(conn: Connection, mongoUri: string, community: { _id: Types.ObjectId; name: string }, n: number, prefix: string): Promise<string[]> {
  const config = loadConfig({ ...process.env, MONGODB_URI: mongoUri, GONGZHI_LOG_LEVEL: 'silent' });
  const users = Array.from({ length: n }, (_, i) => ({
    _id: new Types.ObjectId(), openid: `${prefix}-${i}`, tokenVersion: 0, roles: [], createdAt: new Date(),
    consent: { version: CURRENT_CONSENT_VERSION, at: new Date() },
    realName: {
      nameCipher: 'x', idNumberCipher: 'x', phoneCipher: 'x', idNumberIndex: `${prefix}-id-${i}`, phoneIndex: `${prefix}-phone-${i}`,
      birthDate: '1980-01-01', minor: false, communityId: community._id, communityName: community.name, verifiedAt: new Date(),
    },
  }));
  await conn.db!.collection('users').insertMany(users);
  return users.map((u) => signAccessToken(config, { userId: u._id.toString(), tokenVersion: 0 }));
}
