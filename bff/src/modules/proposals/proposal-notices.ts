import type { Connection } from 'mongoose';
import { noticesTo } from '../notifications/notices';
import { proposalNotice } from '../notifications/templates';
import type { Announcement, ProposalRecord, ProposalStore } from './proposal-store';

/** Supporters addressed per insert. */
const BATCH = 200;

/**
 * Telling the author and every supporter of a proposal's answer and of each progress report. A move
 * records the announcement on the proposal in its own write (proposal-moves.ts); this addresses one
 * notice per person under the key `<announcement>:<user>` in the shared `notices` collection (the
 * outbox worker delivers them), a batch of supporters at a time, then takes the announcement off. Run
 * again after a crash (the sweep does, finding `announcing`), it addresses no one twice: the notice
 * keys are unique.
 */
export async function announce(conn: Connection, store: ProposalStore, p: ProposalRecord): Promise<number> {
  let sent = 0;
  for (const a of p.announcements ?? []) {
    sent += await addressEveryone(conn, store, p, a);
    await store.proposals().updateOne({ _id: p._id }, { $pull: { announcements: { key: a.key } } });
  }
  await store.proposals().updateOne({ _id: p._id, announcements: { $size: 0 } }, { $unset: { announcing: '' } });
  return sent;
}

async function addressEveryone(conn: Connection, store: ProposalStore, p: ProposalRecord, a: Announcement): Promise<number> {
  const content = proposalNotice(a.kind, p, a.at);
  const to = (userIds: ProposalRecord['authorId'][]) =>
    noticesTo(conn, userIds.map((userId) => ({ key: `${a.key}:${userId.toHexString()}`, kind: `proposal_${a.kind}`, userId, subjectId: p._id })), content);
  let sent = await to([p.authorId]);
  let batch: ProposalRecord['authorId'][] = [];
  const supporters = store.supports().find({ proposalId: p._id }, { projection: { userId: 1 }, hint: 'proposal_supporters' }).batchSize(BATCH);
  for await (const s of supporters) {
    batch.push(s.userId);
    if (batch.length === BATCH) {
      sent += await to(batch);
      batch = [];
    }
  }
  return sent + (await to(batch));
}
