import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { databaseNameOf, freePort, startDatabase, withDatabaseName } from './database';
import { testDatabaseUri } from '../test/db';

describe('database URIs', () => {
  it('when a name is added to a bare server URI, then it lands before the query string', () => {
    expect(withDatabaseName('mongodb://127.0.0.1:27017/', 'gz')).toBe('mongodb://127.0.0.1:27017/gz');
    expect(withDatabaseName('mongodb://u:p@a:1,b:2/old?replicaSet=rs', 'gz')).toBe('mongodb://u:p@a:1,b:2/gz?replicaSet=rs');
    expect(withDatabaseName('mongodb+srv://h.example', 'gz')).toBe('mongodb+srv://h.example/gz');
  });

  it('when a URI names a database, then databaseNameOf returns it, else undefined', () => {
    expect(databaseNameOf('mongodb://h:1/gongzhi?x=1')).toBe('gongzhi');
    expect(databaseNameOf('mongodb://h:1/')).toBeUndefined();
    expect(databaseNameOf('mongodb://h:1')).toBeUndefined();
  });
});

describe('the test database server', () => {
  it('when two test databases are taken, then writes to one are invisible in the other', async () => {
    const a = await mongoose.createConnection(testDatabaseUri('isolation')).asPromise();
    const b = await mongoose.createConnection(testDatabaseUri('isolation')).asPromise();
    try {
      await a.collection('probe').insertOne({ x: 1 });
      expect(await a.collection('probe').countDocuments()).toBe(1);
      expect(await b.collection('probe').countDocuments()).toBe(0);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

// The local engine itself; with MONGODB_URI set there is none to start.
const local = process.env.MONGODB_URI ? describe.skip : describe;
local('the local engine (FerretDB 2 on PostgreSQL + DocumentDB)', () => {
  it('when it is stopped and started again with the same data folder and port, then it answers at the same URI with the data', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-db-test-'));
    const port = await freePort();
    try {
      const first = await startDatabase({ dataDir, port, log: () => {} });
      expect(first.kind).toBe('ferretdb2-documentdb');
      const a = await mongoose.createConnection(withDatabaseName(first.uri, 'keep')).asPromise();
      await a.collection('probe').insertOne({ kept: true });
      await a.close();
      await first.stop();

      const second = await startDatabase({ dataDir, port, log: () => {} });
      try {
        expect(second.uri).toBe(first.uri);
        const b = await mongoose.createConnection(withDatabaseName(second.uri, 'keep')).asPromise();
        expect(await b.collection('probe').countDocuments({ kept: true })).toBe(1);
        await b.close();
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
