/**
 * After the load: what was answered 2xx must be in the database exactly once, every notification due
 * delivered exactly once (the simulator's log), and no seat booked twice. Direct driver reads.
 */
import type { mongo } from 'mongoose';
import type { Ledger } from './world';

type Db = mongo.Db;

export interface Finding {
  kind: 'lost' | 'duplicated';
  what: string;
  detail: string;
}

export async function checkComplaints(db: Db, ledger: Ledger): Promise<Finding[]> {
  const findings: Finding[] = [];
  const docs = await db.collection('complaints').find({}, { projection: { residentId: 1, idempotencyKey: 1, events: 1 } }).toArray();
  const byId = new Map(docs.map((d) => [String(d._id), d]));
  const byKey = new Map<string, number>();
  for (const d of docs) byKey.set(`${String(d.residentId)}/${d.idempotencyKey}`, (byKey.get(`${String(d.residentId)}/${d.idempotencyKey}`) ?? 0) + 1);
  for (const c of ledger.created) {
    if (!byId.has(c.id)) findings.push({ kind: 'lost', what: 'complaint', detail: `creation ${c.id} answered 2xx, not in the database` });
    const n = byKey.get(`${c.userId}/${c.key}`) ?? 0;
    if (n > 1) findings.push({ kind: 'duplicated', what: 'complaint', detail: `${n} complaints for resident ${c.userId} key ${c.key}` });
  }
  const answered = new Map<string, number>();
  for (const t of ledger.transitions) answered.set(`${t.complaintId}/${t.action}`, (answered.get(`${t.complaintId}/${t.action}`) ?? 0) + 1);
  for (const [key, n] of answered) {
    const [id, action] = key.split('/') as [string, string];
    const events = ((byId.get(id)?.events ?? []) as Array<{ action: string }>).filter((e) => e.action === action).length;
    if (events === 0) findings.push({ kind: 'lost', what: 'transition', detail: `${action} of ${id} answered 2xx ${n}×, not in the timeline` });
  }
  // The soak's lifecycle takes each step once: a step twice in a timeline is a duplicate, answered or not.
  for (const d of docs) {
    const counts = new Map<string, number>();
    for (const e of (d.events ?? []) as Array<{ action: string }>) counts.set(e.action, (counts.get(e.action) ?? 0) + 1);
    for (const [action, n] of counts) if (n > 1) findings.push({ kind: 'duplicated', what: 'transition', detail: `${action} ${n}× in the timeline of ${String(d._id)}` });
  }
  return findings;
}

interface Message {
  touser: string;
  page?: string;
  data: Record<string, { value: string }>;
}
/** A message as the simulator received it and as the outbox built it (the entry names its template, WeChat gets the id). */
const keyOf = (m: Message) => JSON.stringify([m.touser, m.page ?? '', m.data]);

/**
 * Outbox entries of every collection that has them, against the messages the WeChat simulator received
 * and the message centre. Under WeChat's rules an entry ends `sent` (a one-time subscription was spent:
 * WeChat must have it exactly once), `unsubscribed`, `refused` (43101) or `no_recipient` (WeChat must not
 * have it); `pending` or `failed` after the drain is a loss. Every entry is in the message centre exactly
 * once, whatever WeChat did.
 */
export async function checkNotifications(db: Db, received: Message[]): Promise<{ findings: Finding[]; due: number; sent: number; pending: number }> {
  const findings: Finding[] = [];
  const expected = new Map<string, { sent: number; statuses: string[] }>();
  const entryIds: string[] = [];
  let pending = 0;
  let total = 0;
  for (const name of ['complaints', 'notices']) {
    for (const d of await db.collection(name).find({ 'outbox.0': { $exists: true } }, { projection: { outbox: 1 } }).toArray()) {
      for (const e of d.outbox as Array<Message & { id: string; status: string }>) {
        total++;
        entryIds.push(e.id);
        const entry = expected.get(keyOf(e)) ?? { sent: 0, statuses: [] };
        if (e.status === 'sent') entry.sent++;
        entry.statuses.push(e.status);
        expected.set(keyOf(e), entry);
        if (e.status === 'pending') pending++;
        if (e.status === 'pending' || e.status === 'failed') findings.push({ kind: 'lost', what: 'notification', detail: `outbox entry ${e.id} ended ${e.status}: ${keyOf(e)}` });
      }
    }
  }
  const got = new Map<string, number>();
  for (const m of received) got.set(keyOf(m), (got.get(keyOf(m)) ?? 0) + 1);
  for (const [key, { sent, statuses }] of expected) {
    const n = got.get(key) ?? 0;
    if (n < sent) findings.push({ kind: 'lost', what: 'notification', detail: `${sent - n} of ${sent} sent not received (outbox: ${statuses.join(',')}): ${key}` });
    if (n > sent) findings.push({ kind: 'duplicated', what: 'notification', detail: `received ${n}× for ${sent} sent (outbox: ${statuses.join(',')}): ${key}` });
  }
  for (const [key, n] of got) if (!expected.has(key)) findings.push({ kind: 'duplicated', what: 'notification', detail: `received ${n}× with no outbox entry: ${key}` });
  // the message centre: one message per entry
  const inCentre = new Map<string, number>();
  for (const m of await db.collection('notification_messages').find({}, { projection: { entryId: 1 } }).toArray()) {
    inCentre.set(String(m.entryId), (inCentre.get(String(m.entryId)) ?? 0) + 1);
  }
  for (const id of entryIds) {
    const n = inCentre.get(id) ?? 0;
    if (n === 0) findings.push({ kind: 'lost', what: 'message-centre entry', detail: `outbox entry ${id} has no message` });
    if (n > 1) findings.push({ kind: 'duplicated', what: 'message-centre entry', detail: `outbox entry ${id} has ${n} messages` });
  }
  const sent = [...expected.values()].reduce((s, e) => s + e.sent, 0);
  return { findings, due: total, sent, pending };
}

export async function checkSeats(db: Db, shiftIds: string[]): Promise<{ findings: Finding[]; summary: string[] }> {
  const findings: Finding[] = [];
  const summary: string[] = [];
  for (const shift of await db.collection('volunteer_shifts').find({}).toArray()) {
    if (!shiftIds.includes(String(shift._id))) continue;
    const signups = await db.collection('volunteer_signups').find({ shiftId: shift._id }).toArray();
    const confirmed = signups.filter((s) => s.status === 'confirmed');
    const seats = new Set(confirmed.map((s) => s.seat));
    const users = new Set(signups.map((s) => String(s.userId)));
    summary.push(`${String(shift._id)}: ${confirmed.length}/${shift.capacity} confirmed, ${signups.filter((s) => s.status === 'waitlisted').length} waitlisted, ${signups.filter((s) => s.status === 'cancelled').length} cancelled`);
    if (confirmed.length > shift.capacity) findings.push({ kind: 'duplicated', what: 'seat', detail: `shift ${String(shift._id)}: ${confirmed.length} confirmed for ${shift.capacity} places` });
    if (seats.size < confirmed.length) findings.push({ kind: 'duplicated', what: 'seat', detail: `shift ${String(shift._id)}: two confirmed sign-ups hold one seat` });
    if (users.size < signups.length) findings.push({ kind: 'duplicated', what: 'seat', detail: `shift ${String(shift._id)}: a volunteer has two sign-ups` });
  }
  return { findings, summary };
}
