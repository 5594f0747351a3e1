/**
 * `pnpm bench`, paid activities (issue 14): 500 residents register at once for an activity of 50 paid
 * places; everyone given a seat pays through the WeChat Pay simulator, whose notification is sent twice;
 * everyone in line tries to pay too. Exactly 50 must be confirmed and paid, nobody charged without a
 * seat, no payment confirmed twice. Registration throughput is reported beside plain inserts in a child
 * process in the same run (as the sign-up storm does).
 *
 * Keys: activity_paid_exact (1 when all three hold, else 0), activity_register_throughput_ratio.
 */
import mongoose, { Types } from 'mongoose';
import type { Stack } from '../dev/stack';
import { burst, post } from './burst';
import { benchLogin, spawnBenchServer } from './child-server';
import { recordResults } from './results';
import { benchResidents } from './residents';

const RESIDENTS = Number(process.env.BENCH_ACTIVITY_RESIDENTS ?? 500);
const PLACES = 50;

export async function benchActivities(stack: Stack): Promise<void> {
  const plain = await spawnBenchServer('signup-storm-serve.ts', ['plain', stack.mongoUri]);
  const conn = await mongoose.createConnection(stack.mongoUri).asPromise();
  try {
    const party = (await benchLogin(stack.bffUrl, 'party-lianhua')).accessToken;
    const community = await conn.db!.collection<{ _id: Types.ObjectId; name: string }>('communities').findOne({ code: 'lianhua' });
    const start = Date.now() + 72 * 3600_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const created = await post(`${stack.bffUrl}/api/v1/activities`, {
      token: party,
      body: {
        title: '社区书法班（材料费）', body: '每人材料费 20 元。', startsAt: iso(start), endsAt: iso(start + 2 * 3600_000),
        place: { point: { lat: 22.5431, lng: 114.0579 }, address: '莲花社区党群服务中心' }, capacity: PLACES,
        registrationDeadline: iso(start - 3600_000), cancelCutoff: iso(start - 24 * 3600_000), audience: 'community', realNameRequired: true,
        price: { kind: 'fee', amountFen: 2000 },
      },
    });
    if (created.status !== 201) throw new Error(`activity: ${created.status} ${JSON.stringify(created.body)}`);
    const id = created.body.id as string;
    await post(`${stack.bffUrl}/api/v1/activities/${id}/publish`, { token: party });

    const tokens = await benchResidents(conn, stack.mongoUri, community!, RESIDENTS, 'bench-activity');

    await burst(50, () => post(`${plain.url}/warm-up`));
    const registered = await burst(RESIDENTS, (i) => post(`${stack.bffUrl}/api/v1/activities/${id}/registrations`, { token: tokens[i] }));
    const baseline = await burst(RESIDENTS, (i) => post(`${plain.url}/insert/activity-${i}`));

    // everyone tries to pay; the simulator's payer pays each order, and its notification goes twice
    const orders = await burst(RESIDENTS, (i) => post(`${stack.bffUrl}/api/v1/activities/${id}/payment`, { token: tokens[i] }));
    const payable = (await conn.db!.collection<{ _id: string }>('activity_orders').find({ activityId: new Types.ObjectId(id) }).toArray()).map((o) => o._id);
    await burst(payable.length, (i) => post(`${stack.paySimulatorUrl}/dev/orders/${payable[i]}/pay`));
    await burst(payable.length, (i) => post(`${stack.paySimulatorUrl}/dev/notify`, { body: { outTradeNo: payable[i] } }));

    const regs = await conn.db!.collection('activity_registrations').find({ activityId: new Types.ObjectId(id) }).toArray();
    const paidOrders = await conn.db!.collection('activity_orders').find({ activityId: new Types.ObjectId(id), state: 'paid' }).toArray();
    const confirmed = regs.filter((r) => r.status === 'confirmed');
    const seated = new Set(confirmed.map((r) => String(r._id)));
    const chargedWithoutSeat = paidOrders.filter((o) => !seated.has(String(o.registrationId))).length;
    const paidTwice = paidOrders.length - new Set(paidOrders.map((o) => String(o.registrationId))).size;
    const refunds = await conn.db!.collection('activity_refunds').countDocuments({ activityId: new Types.ObjectId(id) });
    const exact = confirmed.length === PLACES && paidOrders.length === PLACES && confirmed.every((r) => r.payment === 'paid') && chargedWithoutSeat === 0 && paidTwice === 0 && refunds === 0;
    const ratio = registered.rps / baseline.rps;
    console.log(`activity registrations ${RESIDENTS} for ${PLACES} paid places in ${registered.seconds.toFixed(1)} s: ${registered.rps.toFixed(0)} req/s, p99 ${registered.p99} ms ${JSON.stringify(registered.statuses)}`);
    console.log(`                    payments asked ${JSON.stringify(orders.statuses)}; confirmed ${confirmed.length}, paid ${paidOrders.length}, charged without a seat ${chargedWithoutSeat}, paid twice ${paidTwice}, refunds ${refunds}`);
    console.log(`plain inserts       ${baseline.rps.toFixed(0)} req/s; throughput ratio ${ratio.toFixed(3)}`);
    recordResults({
      activity_paid_exact: exact ? 1 : 0,
      activity_register_throughput_ratio: Number(ratio.toFixed(3)),
      activity_register_rps: Math.round(registered.rps),
      activity_register_baseline_rps: Math.round(baseline.rps),
    });
    if (!exact) throw new Error(`activities: ${confirmed.length} confirmed, ${paidOrders.length} paid, ${chargedWithoutSeat} charged without a seat, ${paidTwice} paid twice, ${refunds} refunds`);
  } finally {
    plain.child.kill('SIGTERM');
    await conn.close();
  }
}
