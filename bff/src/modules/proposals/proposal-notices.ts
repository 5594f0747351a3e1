import type { Connection } from 'mongoose';
import { noticeTo } from '../notifications/notices';
import { proposalNotice } from '../notifications/templates';
import type { Announcement, ProposalRecord, ProposalStore } from './proposal-store';

/**
 * Telling the author and every supporter of a proposal's answer and of each progress report. A move
 * records the announcement on the proposal in its own write (proposal-moves.ts); this addresses one
 * notice per person under the key `<announcement>:<user>` in the shared `notices` collection (the
 * outbox worker delivers them), then takes the announcement off. Run again after a crash (the sweep
 * does, finding `announcing`), it addresses no one twice: the notice keys are unique.
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
  let sent = 0;
  const send = async (userId: ProposalRecord['authorId']) => {
    if (await noticeTo(conn, { key: `${a.key}:${userId.toHexString()}`, kind: `proposal_${a.kind}`, userId, subjectId: p._id }, content)) sent++;
  };
  await send(p.authorId);
  const supporters = store.supports().find({ proposalId: p._id }, { projection: { userId: 1 }, hint: 'proposal_supporters' }).batchSize(200);
  for await (const s of supporters) await send(s.userId);
  return sent;
}
