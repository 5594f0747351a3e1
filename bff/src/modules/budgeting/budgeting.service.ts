import { Schema, Types, type mongo } from 'mongoose';
import {
  chosenCost, greedyWinners, type BudgetBallotBody, type BudgetOutcome, type BudgetRoundDraft, type BudgetRoundSummaryView,
  type BudgetRoundView, type BudgetCandidate,
} from '@gongzhi/shared';
import { ballotBox, BallotAlreadyCast, votingClosedAt, votingState, type Settlement, type StoredBallot, type Tally } from '../../platform/ballot-box';
import { now } from '../../platform/clock';
import { csvTable } from '../../platform/csv';
import { modelFor } from '../../platform/database';
import type { AppDeps } from '../../platform/deps';
import { readById } from '../../platform/reads-by-id';
import { AppError } from '../../platform/errors';
import { managedCommunities, managesCommunity } from '../identity/community-scope';
import { countResidents } from '../identity/residents';
import type { UserRecord } from '../identity/user.model';

/**
 * 民生微实事 budgeting rounds (issue 12): staff open a round for one community with a budget and
 * candidate projects; each real-name resident of the community votes once, by secret ballot, for
 * projects whose total cost fits the budget; when the round closes, projects are funded greedily by
 * votes (shared/budget-rules.ts). Ballots live in the platform's ballot box (kind 'budget').
 */
export interface BudgetRoundRecord {
  _id: mongo.BSON.ObjectId;
  communityId: mongo.BSON.ObjectId;
  communityName: string;
  createdBy: mongo.BSON.ObjectId;
  status: 'draft' | 'published' | 'closed';
  title: string;
  description: string;
  budget: number;
  opensAt: Date;
  closesAt: Date;
  candidates: BudgetCandidate[];
  audienceSize: number;
  createdAt: Date;
  publishedAt?: Date;
  closedAt?: Date;
  settled?: Settlement;
  /** when its reminders went out (notifications/voting-reminders.ts) */
  noticed?: { opened?: Date; closing?: Date };
}

interface BudgetBallot {
  projects: string[];
}

interface BudgetTally extends Tally {
  /** project id → votes */
  v?: Record<string, number>;
}

// A model only for its indexes (ensureIndexes builds them at start); the service uses the driver's collection.
const roundSchema = new Schema({}, { strict: false, collection: 'budget_rounds', versionKey: false, autoCreate: true });
// residents' list: their community's rounds by state, newest first; staff's: by community, newest first
roundSchema.index({ communityId: 1, status: 1, opensAt: -1 }, { name: 'community_status_opens' });
roundSchema.index({ communityId: 1, createdAt: -1 }, { name: 'community_created' });
// the settling job: rounds by state and closing time
roundSchema.index({ status: 1, closesAt: 1 }, { name: 'status_closes' });
const Rounds = modelFor('BudgetRound', roundSchema);

type Draft = BudgetRoundDraft;

export function createBudgetingService({ conn }: Pick<AppDeps, 'conn'>) {
  Rounds(conn);
  const rounds = () => conn.db!.collection<BudgetRoundRecord>('budget_rounds');
  const box = ballotBox<BudgetBallot>(conn, 'budget');

  const stateOf = (round: BudgetRoundRecord, at: Date) => votingState(round.status, round.opensAt, round.closesAt, at);

  // by _id, shared with the requests that ask at the same moment (platform/reads-by-id.ts): a burst of voters
  const readRound = readById<BudgetRoundRecord>(conn, 'budget_rounds');
  async function findRound(rawId: string): Promise<BudgetRoundRecord> {
    const round = await readRound(rawId);
    if (!round) throw new AppError('BUDGET_ROUND_NOT_FOUND', 404);
    return round;
  }

  async function managedRound(user: UserRecord, rawId: string): Promise<BudgetRoundRecord> {
    const round = await findRound(rawId);
    if (!managesCommunity(user, round.communityId)) throw new AppError('BUDGET_ROUND_NOT_FOUND', 404);
    return round;
  }

  const isResidentOf = (user: UserRecord, round: BudgetRoundRecord) => !!user.realName && round.communityId.equals(user.realName.communityId);

  /** A round as this person may see it: drafts only by its managers; published ones by the community's residents and managers. */
  async function visibleRound(user: UserRecord, rawId: string): Promise<{ round: BudgetRoundRecord; manager: boolean }> {
    const round = await findRound(rawId);
    const manager = managesCommunity(user, round.communityId);
    if (!manager && (round.status === 'draft' || !isResidentOf(user, round))) throw new AppError('BUDGET_ROUND_NOT_FOUND', 404);
    return { round, manager };
  }

  /** The community's own name, from the community the draft names, which the author must manage. */
  async function checkedCommunity(user: UserRecord, draft: Draft): Promise<{ communityId: mongo.BSON.ObjectId; communityName: string }> {
    const communityId = new Types.ObjectId(draft.communityId);
    if (!managesCommunity(user, communityId)) throw new AppError('FORBIDDEN', 403, [{ path: 'communityId', message: '社区工作人员只能为本社区发起预算投票' }]);
    const community = await conn.db!.collection('communities').findOne({ _id: communityId }, { projection: { name: 1 } });
    if (!community) throw new AppError('VALIDATION_FAILED', 400, [{ path: 'communityId', message: '社区不存在' }]);
    return { communityId, communityName: String(community.name) };
  }

  /** A candidate taken from a resident proposal must be one of the same community. */
  async function checkProposals(communityId: mongo.BSON.ObjectId, candidates: BudgetCandidate[]): Promise<void> {
    const linked = candidates.flatMap((c, i) => (c.proposalId ? [{ i, id: new Types.ObjectId(c.proposalId) }] : []));
    if (linked.length === 0) return;
    const found = await conn.db!.collection('proposals').find({ _id: { $in: linked.map((l) => l.id) }, communityId }, { projection: { _id: 1 } }).toArray();
    const known = new Set(found.map((p) => String(p._id)));
    const bad = linked.find((l) => !known.has(l.id.toHexString()));
    if (bad) throw new AppError('VALIDATION_FAILED', 400, [{ path: `candidates.${bad.i}.proposalId`, message: '该居民提议不存在或不属于本社区' }]);
  }

  function outcomeOf(round: BudgetRoundRecord, tally: BudgetTally): BudgetOutcome {
    const { ranking, spent } = greedyWinners(round.candidates, tally.v ?? {}, round.budget);
    const titles = new Map(round.candidates.map((c) => [c.id, c.title]));
    return {
      ranking: ranking.map((r) => ({ ...r, title: titles.get(r.id)! })),
      spent,
      final: !!round.settled,
      ...(round.settled ? { ballotsDigest: round.settled.sha256 } : {}),
    };
  }

  const incOf = (b: BudgetBallot) => Object.fromEntries(b.projects.map((p) => [`v.${p}`, 1]));

  /** One line per ballot, by its random id: the projects chosen, joined by `|` in the order of the list. */
  const ballotsCsvOf = (ballots: StoredBallot<BudgetBallot>[]) => csvTable(['ballot', 'projects'], ballots.map((b) => [b.id, b.projects.join('|')]));

  async function view(user: UserRecord, found: BudgetRoundRecord, manager: boolean): Promise<BudgetRoundView> {
    const at = now();
    const { owner: round, tally } = await box.settleWhenDue(rounds(), found, votingClosedAt(found, at), incOf, ballotsCsvOf, at);
    const state = stateOf(round, at);
    const voted = (await box.votedIn([round._id], user._id)).size > 0;
    const reason = voted
      ? '您已投过票'
      : !user.realName
        ? '实名登记后才能投票'
        : !isResidentOf(user, round)
          ? '本次投票面向其他社区的居民'
          : state === 'open'
            ? undefined
            : state === 'scheduled'
              ? '投票尚未开始'
              : state === 'closed'
                ? '投票已结束'
                : '投票尚未发布';
    const showOutcome = round.status !== 'draft' && (manager || state === 'closed');
    return {
      id: round._id.toHexString(),
      title: round.title,
      description: round.description,
      communityId: round.communityId.toHexString(),
      communityName: round.communityName,
      budget: round.budget,
      opensAt: round.opensAt.toISOString(),
      closesAt: round.closesAt.toISOString(),
      candidates: round.candidates,
      state,
      ballots: tally.ballots,
      audienceSize: round.audienceSize,
      ...(showOutcome ? { outcome: outcomeOf(round, tally as BudgetTally) } : {}),
      viewer: { voted, canVote: !reason, ...(reason ? { reason } : {}), manages: manager },
    };
  }

  // ---- staff ---------------------------------------------------------------------------------------

  function recordOf(draft: Draft) {
    return {
      title: draft.title,
      description: draft.description,
      budget: draft.budget,
      opensAt: new Date(draft.opensAt),
      closesAt: new Date(draft.closesAt),
      candidates: draft.candidates.map((c) => ({ ...c })),
    };
  }

  async function createRound(user: UserRecord, draft: Draft): Promise<BudgetRoundView> {
    const community = await checkedCommunity(user, draft);
    await checkProposals(community.communityId, draft.candidates);
    const round: BudgetRoundRecord = { _id: new Types.ObjectId(), ...community, createdBy: user._id, status: 'draft', ...recordOf(draft), audienceSize: 0, createdAt: now() };
    await rounds().insertOne(round);
    return view(user, round, true);
  }

  async function updateRound(user: UserRecord, rawId: string, draft: Draft): Promise<BudgetRoundView> {
    const round = await managedRound(user, rawId);
    const community = await checkedCommunity(user, draft);
    await checkProposals(community.communityId, draft.candidates);
    const updated = await rounds().findOneAndUpdate({ _id: round._id, status: 'draft' }, { $set: { ...recordOf(draft), ...community } }, { returnDocument: 'after' });
    if (!updated) throw new AppError('BUDGET_ROUND_NOT_DRAFT', 409);
    return view(user, updated, true);
  }

  async function publishRound(user: UserRecord, rawId: string): Promise<BudgetRoundView> {
    const round = await managedRound(user, rawId);
    if (round.status !== 'draft') throw new AppError('BUDGET_ROUND_NOT_DRAFT', 409);
    const at = now();
    if (round.closesAt <= at) throw new AppError('VALIDATION_FAILED', 400, [{ path: 'closesAt', message: '结束时间已过，请先修改' }]);
    await box.open(round._id);
    const published = await rounds().findOneAndUpdate(
      { _id: round._id, status: 'draft' },
      { $set: { status: 'published', publishedAt: at, audienceSize: await countResidents(conn, [round.communityId]) } },
      { returnDocument: 'after' },
    );
    if (!published) throw new AppError('BUDGET_ROUND_NOT_DRAFT', 409);
    return view(user, published, true);
  }

  async function closeRound(user: UserRecord, rawId: string): Promise<BudgetRoundView> {
    const round = await managedRound(user, rawId);
    if (round.status === 'draft') throw new AppError('BUDGET_ROUND_NOT_OPEN', 409);
    const closed = await rounds().findOneAndUpdate({ _id: round._id, status: 'published' }, { $set: { status: 'closed', closedAt: now() } }, { returnDocument: 'after' });
    if (!closed) throw new AppError('BUDGET_ROUND_ALREADY_CLOSED', 409);
    return view(user, closed, true);
  }

  async function summaries(user: UserRecord, list: BudgetRoundRecord[]): Promise<BudgetRoundSummaryView[]> {
    const at = now();
    const ids = list.map((r) => r._id);
    const [tallies, voted] = await Promise.all([box.talliesOf(ids), box.votedIn(ids, user._id)]);
    return list.map((r) => ({
      id: r._id.toHexString(),
      title: r.title,
      communityName: r.communityName,
      budget: r.budget,
      opensAt: r.opensAt.toISOString(),
      closesAt: r.closesAt.toISOString(),
      state: stateOf(r, at),
      ballots: tallies.get(r._id.toHexString())?.ballots ?? 0,
      voted: voted.has(r._id.toHexString()),
    }));
  }

  async function managedRounds(user: UserRecord): Promise<{ items: BudgetRoundSummaryView[] }> {
    const scope = managedCommunities(user);
    const filter = scope === 'street' ? {} : { communityId: { $in: scope } };
    const list = await rounds().find(filter, { hint: 'community_created' }).sort({ communityId: 1, createdAt: -1 }).limit(100).toArray();
    return { items: await summaries(user, list) };
  }

  /** The rounds of this resident's community: the open ones, then the closed, newest first. */
  async function openRounds(user: UserRecord): Promise<{ items: BudgetRoundSummaryView[] }> {
    const communityId = user.realName?.communityId;
    if (!communityId) return { items: [] };
    const page = (status: BudgetRoundRecord['status'], limit: number) =>
      rounds().find({ communityId: new Types.ObjectId(String(communityId)), status }, { hint: 'community_status_opens' }).sort({ opensAt: -1 }).limit(limit).toArray();
    const [open, closed] = await Promise.all([page('published', 20), page('closed', 20)]);
    return { items: await summaries(user, [...open, ...closed]) };
  }

  async function roundDetail(user: UserRecord, rawId: string): Promise<BudgetRoundView> {
    const { round, manager } = await visibleRound(user, rawId);
    return view(user, round, manager);
  }

  // ---- voting --------------------------------------------------------------------------------------

  async function vote(user: UserRecord, rawId: string, body: BudgetBallotBody): Promise<{ counted: true }> {
    if (!user.realName) throw new AppError('REAL_NAME_REQUIRED', 403);
    const { round } = await visibleRound(user, rawId);
    if (!isResidentOf(user, round)) throw new AppError('BUDGET_NOT_IN_COMMUNITY', 403);
    const at = now();
    if (stateOf(round, at) !== 'open') throw new AppError('BUDGET_ROUND_NOT_OPEN', 409);
    const known = new Set(round.candidates.map((c) => c.id));
    const unknown = body.projects.findIndex((p) => !known.has(p));
    if (unknown >= 0 || new Set(body.projects).size !== body.projects.length) {
      throw new AppError('BUDGET_BALLOT_INVALID', 400, [{ path: `projects.${Math.max(unknown, 0)}`, message: unknown >= 0 ? '没有这个项目' : '同一项目只能选一次' }]);
    }
    const cost = chosenCost(round.candidates, body.projects);
    if (cost > round.budget) throw new AppError('BUDGET_EXCEEDED', 400, [{ path: 'projects', message: `所选项目共 ${cost} 元，超过预算 ${round.budget} 元` }]);
    // in the order of the list, so the ballot says nothing of the order they were picked in
    const projects = round.candidates.map((c) => c.id).filter((id) => body.projects.includes(id));
    try {
      await box.cast(round._id, user._id, { projects }, incOf({ projects }), { named: false, at });
    } catch (err) {
      if (err instanceof BallotAlreadyCast) throw new AppError('BUDGET_ALREADY_VOTED', 409);
      throw err;
    }
    return { counted: true };
  }

  /** The anonymous ballots, once the round is closed (staff at any time); its SHA-256 is the published digest once settled. */
  async function ballotsCsv(user: UserRecord, rawId: string): Promise<string> {
    const { round, manager } = await visibleRound(user, rawId);
    const state = stateOf(round, now());
    if (state === 'draft') throw new AppError('BUDGET_ROUND_NOT_OPEN', 409);
    if (!manager && state !== 'closed') throw new AppError('BUDGET_ROUND_NOT_OPEN', 409);
    return ballotsCsvOf(await box.ballots(round._id));
  }

  /** Settles every round closed long enough ago and not yet settled (the worker's job; reading a round does the same). */
  async function settleDue(at: Date = now()): Promise<number> {
    const due = await rounds()
      .find({ status: { $in: ['published', 'closed'] }, settled: { $exists: false }, $or: [{ status: 'closed' }, { closesAt: { $lte: at } }] } as mongo.Filter<BudgetRoundRecord>, { hint: 'status_closes' })
      .limit(20)
      .toArray();
    let settledNow = 0;
    for (const round of due) if ((await box.settleWhenDue(rounds(), round, votingClosedAt(round, at), incOf, ballotsCsvOf, at)).owner.settled) settledNow++;
    return settledNow;
  }

  return { settleDue, createRound, updateRound, publishRound, closeRound, managedRounds, openRounds, roundDetail, vote, ballotsCsv };
}

export type BudgetingService = ReturnType<typeof createBudgetingService>;
