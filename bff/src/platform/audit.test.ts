import type { Connection } from 'mongoose';
import { testDatabaseUri } from '../../test/db';
import { recordAudit } from './audit';
import { AuditLog } from './audit.model';
import { connectDatabase } from './database';

let conn: Connection;
beforeAll(async () => {
  conn = await connectDatabase(testDatabaseUri('audit'));
});
afterAll(() => conn.close());

describe('audit log', () => {
  it('when an entry is recorded, then it cannot be updated or deleted through the model', async () => {
    await recordAudit(conn, { actorId: 'a1', action: 'invitation.created', subjectType: 'invitation', subjectId: 's1' });
    const entries = AuditLog(conn);
    await expect(entries.updateOne({ subjectId: 's1' }, { $set: { action: 'tampered' } })).rejects.toThrow(/append-only/);
    await expect(entries.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(entries.findOneAndUpdate({ subjectId: 's1' }, { $set: { actorId: 'x' } })).rejects.toThrow(/append-only/);
    const doc = await entries.findOne({ subjectId: 's1' });
    doc!.action = 'tampered';
    await expect(doc!.save()).rejects.toThrow(/append-only/);
    expect(await entries.find({}).lean()).toEqual([expect.objectContaining({ action: 'invitation.created', actorId: 'a1' })]);
  });
});
