import mongoose from 'mongoose';
import { testDatabaseUri } from '../test/db';
import { seedDemoDistrict } from './seed';
import { DEV_APP_ID, devOpenidFor } from './wechat-simulator';

describe('demo district seed', () => {
  it('when run twice, then the second run creates nothing new and lists the same logins', async () => {
    const uri = testDatabaseUri('seed');
    const first = await seedDemoDistrict(uri, { appId: DEV_APP_ID });
    const second = await seedDemoDistrict(uri, { appId: DEV_APP_ID });
    expect([first.created, second.created]).toEqual([true, false]);
    expect(second.logins).toEqual(first.logins);
    expect(first.logins.map((l) => l.login)).toEqual(
      expect.arrayContaining(['admin', 'dispatcher', 'community-lianhua', 'unit-chengguan']),
    );

    const conn = await mongoose.createConnection(uri).asPromise();
    const count = (name: string) => conn.db!.collection(name).countDocuments();
    expect([await count('streets'), await count('communities'), await count('units'), await count('users')]).toEqual([1, 5, 10, 12]);
    expect([await count('categories'), await count('calendar_years')]).toEqual([20, 1]);
    const admin = await conn.db!.collection('users').findOne({ openid: devOpenidFor(DEV_APP_ID, 'admin') });
    expect(admin?.roles).toEqual([{ role: 'admin' }]);
    await conn.close();
  });
});
