import { Types, type Connection } from 'mongoose';
import { testDatabaseUri } from '../../test/db';
import { connectDatabase } from './database';
import { readById } from './reads-by-id';

let conn: Connection;
let queries: number;
beforeAll(async () => {
  conn = await connectDatabase(`${testDatabaseUri('reads_by_id')}?monitorCommands=true`);
  conn.getClient().on('commandStarted', (e) => {
    if (e.commandName === 'find' && e.command.find === 'things') queries++;
  });
});
afterAll(() => conn.close());

describe('readById', () => {
  it('answers each load with its own document (or null) from one query per turn, and reads again afterwards', async () => {
    const docs = Array.from({ length: 30 }, (_, i) => ({ _id: new Types.ObjectId(), n: i }));
    await conn.db!.collection('things').insertMany(docs);
    const read = readById<{ _id: Types.ObjectId; n: number }>(conn, 'things');
    queries = 0;
    const missing = new Types.ObjectId();
    const asked = [...docs.map((d) => d._id), docs[3]!._id.toHexString(), missing];
    const found = await Promise.all(asked.map((id) => read(id)));
    expect(found.map((d) => d?.n ?? null)).toEqual([...docs.map((d) => d.n), 3, null]);
    expect(queries).toBe(1);
    // nothing kept: a write answered before the next load is seen by it
    await conn.db!.collection('things').updateOne({ _id: docs[0]!._id }, { $set: { n: 100 } });
    expect((await read(docs[0]!._id))!.n).toBe(100);
    expect(queries).toBe(2);
  });
});
