import type { Connection } from 'mongoose';
import { connectDatabase } from '../src/platform/database';
import { testDatabaseUri } from './db';

/**
 * What the local engine (FerretDB 2 + DocumentDB) answers for geospatial queries, which the
 * mutual-aid feed's "nearest to me" relies on: a 2dsphere index, $near ordered by distance with a
 * maximum, and $geoWithin a circle. The same queries run on MongoDB 7.
 */
let conn: Connection;
beforeAll(async () => {
  conn = await connectDatabase(testDatabaseUri('geo_engine'));
});
afterAll(() => conn.close());

const at = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });

it('when places are indexed 2dsphere, then $near lists them nearest first within the distance, and $geoWithin a circle finds the same', async () => {
  const places = conn.db!.collection('geo_probe');
  await places.createIndex({ point: '2dsphere' });
  // around 114.0579, 22.5431 (Shenzhen): ~100 m, ~550 m, ~1.1 km and ~20 km east
  await places.insertMany([
    { name: 'far', community: 'a', point: at(114.252, 22.5431) },
    { name: 'b550', community: 'a', point: at(114.0632, 22.5431) },
    { name: 'a100', community: 'a', point: at(114.0589, 22.5431) },
    { name: 'c1100', community: 'a', point: at(114.0686, 22.5431) },
    { name: 'other', community: 'b', point: at(114.0580, 22.5431) },
  ]);
  const near = await places.find({ community: 'a', point: { $near: { $geometry: at(114.0579, 22.5431), $maxDistance: 2000 } } }).toArray();
  expect(near.map((p) => p.name)).toEqual(['a100', 'b550', 'c1100']);
  const within = await places.find({ community: 'a', point: { $geoWithin: { $centerSphere: [[114.0579, 22.5431], 1000 / 6_378_100] } } }).toArray();
  expect(within.map((p) => p.name).sort()).toEqual(['a100', 'b550']);
});
