import { Types, type Connection } from 'mongoose';
import { testDatabaseUri } from '../../test/db';
import { connectDatabase } from './database';
import { BallotAlreadyCast, ballotBox } from './ballot-box';

/** The box on its own, under the group commit: ballots of one burst are written together, each answered for itself. */
let conn: Connection;
let box: ReturnType<typeof ballotBox<{ pick: string }>>;
beforeAll(async () => {
  conn = await connectDatabase(testDatabaseUri('ballot_box'));
  box = ballotBox<{ pick: string }>(conn, 'poll');
});
afterAll(() => conn.close());

const cast = (boxId: Types.ObjectId, voter: Types.ObjectId, pick: string) =>
  box.cast(boxId, voter, { pick }, { [`o.${pick}`]: 1 }, { named: false, at: new Date('2026-12-05T03:00:00Z') }).then(
    () => 'counted',
    (err: unknown) => (err instanceof BallotAlreadyCast ? 'again' : `error ${String(err)}`),
  );

describe('ballot box', () => {
  it('counts each voter once in a burst with repeats, in the same batch and in later ones, and its tally equals the recount', async () => {
    const boxId = new Types.ObjectId();
    await box.open(boxId);
    const voters = Array.from({ length: 60 }, () => new Types.ObjectId());
    await cast(boxId, voters[0]!, 'a'); // recorded before the burst
    const burst = [...voters, ...voters.slice(0, 20)].map((v, i) => cast(boxId, v, i % 2 ? 'a' : 'b'));
    const outcomes = await Promise.all(burst);
    expect(outcomes.filter((o) => o === 'counted')).toHaveLength(59);
    expect(outcomes.filter((o) => o === 'again')).toHaveLength(21);
    const tally = await box.tally(boxId);
    const stored = await box.ballots(boxId);
    expect(tally.ballots).toBe(60);
    expect(stored).toHaveLength(60);
    const o = tally.o as Record<string, number>;
    expect(o.a! + o.b!).toBe(60);
    expect(o.a).toBe(stored.filter((b) => b.pick === 'a').length);
    const { settlement } = await box.settle(boxId, (b) => ({ [`o.${b.pick}`]: 1 }), (all) => all.map((b) => b.id).join('\n'), new Date());
    expect(settlement).toMatchObject({ ballots: 60, participations: 60, repaired: false });
  });

  it('keeps boxes apart when bursts on two boxes run together', async () => {
    const [one, two] = [new Types.ObjectId(), new Types.ObjectId()];
    await Promise.all([box.open(one), box.open(two)]);
    const voter = new Types.ObjectId();
    const outcomes = await Promise.all([cast(one, voter, 'a'), cast(two, voter, 'a'), cast(one, voter, 'b')]);
    expect(outcomes).toEqual(['counted', 'counted', 'again']);
    expect((await box.tally(one)).ballots).toBe(1);
    expect((await box.tally(two)).ballots).toBe(1);
  });
});
