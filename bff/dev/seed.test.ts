import mongoose from 'mongoose';
import { CALENDAR_2026 } from '@gongzhi/shared';
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
      expect.arrayContaining(['admin', 'dispatcher', 'enterprise-service', 'community-lianhua', 'party-lianhua', 'unit-chengguan']),
    );

    const conn = await mongoose.createConnection(uri).asPromise();
    const count = (name: string) => conn.db!.collection(name).countDocuments();
    expect([await count('streets'), await count('communities'), await count('units'), await count('users')]).toEqual([1, 5, 10, 18]);
    expect([await count('categories'), await count('calendar_years')]).toEqual([20, 1]);
    const admin = await conn.db!.collection('users').findOne({ openid: devOpenidFor(DEV_APP_ID, 'admin') });
    expect(admin?.roles).toEqual([{ role: 'admin' }]);
    await conn.close();
  });
});

describe('demo calendar and catalogue seed', () => {
  it('when seeded, then 2026 has the official days, every community is a handling unit and categories route to seeded units', async () => {
    const uri = testDatabaseUri('seed_catalogue');
    await seedDemoDistrict(uri, { appId: DEV_APP_ID });
    const conn = await mongoose.createConnection(uri).asPromise();
    try {
      const db = conn.db!;
      const year = await db.collection('calendar_years').findOne({ year: 2026 });
      expect(year).toMatchObject({ holidays: CALENDAR_2026.holidays, workdays: CALENDAR_2026.workdays, updatedBy: 'seed' });

      const communities = await db.collection('communities').find({}).toArray();
      const units = await db.collection('units').find({}).toArray();
      for (const c of communities) {
        expect(units).toContainEqual(expect.objectContaining({ code: `community-unit-${c.code}`, kind: 'community', communityId: c._id }));
      }

      const categories = await db.collection('categories').find({}).toArray();
      const byCode = new Map(categories.map((c) => [c.code, c]));
      const unitIds = new Set(units.map((u) => String(u._id)));
      for (const c of categories) {
        if (c.parentId) expect(categories.find((p) => p._id.equals(c.parentId))?.parentId).toBeUndefined();
        if (c.defaultUnitId) expect(unitIds.has(String(c.defaultUnitId))).toBe(true);
        for (const o of c.unitByCommunity ?? []) expect(unitIds.has(String(o.unitId))).toBe(true);
      }
      expect(byCode.get('minshi-jiufen')?.admission).toEqual({ accepted: false, referral: expect.stringContaining('人民调解委员会') });
      expect(byCode.get('zaoyin-raomin')?.unitByCommunity).toHaveLength(communities.length);
      expect(byCode.get('tingshui')).toMatchObject({ urgency: 'urgent', deadlines: { firstContact: { amount: 24, unit: 'hours' } } });
    } finally {
      await conn.close();
    }
  });

  it("when seeded again after an admin's edits, then the calendar and categories keep the admin's version", async () => {
    const uri = testDatabaseUri('seed_keeps_edits');
    await seedDemoDistrict(uri, { appId: DEV_APP_ID });
    const conn = await mongoose.createConnection(uri).asPromise();
    try {
      const db = conn.db!;
      await db.collection('categories').updateOne({ code: 'tingshui' }, { $set: { name: '停水停电', active: false } });
      await db.collection('calendar_years').updateOne({ year: 2026 }, { $set: { holidays: ['2026-01-01'], updatedBy: 'admin' } });
      await seedDemoDistrict(uri, { appId: DEV_APP_ID });
      expect(await db.collection('categories').findOne({ code: 'tingshui' })).toMatchObject({ name: '停水停电', active: false });
      expect(await db.collection('calendar_years').findOne({ year: 2026 })).toMatchObject({ holidays: ['2026-01-01'], updatedBy: 'admin' });
      expect(await db.collection('categories').countDocuments()).toBe(20);
    } finally {
      await conn.close();
    }
  });
});
