import { createHash } from 'node:crypto';
import { Types, type mongo } from 'mongoose';
import {
  ageOn, cstDate, type BallotBody, type PollAnswer, type PollDraftBody, type PollQuestion, type PollResultsView, type PollState,
  type PollSummaryView, type PollView, type QuestionResult,
} from '@gongzhi/shared';
import { now } from '../../platform/clock';
import type { AppDeps } from '../../platform/deps';
import { isDuplicateKeyError } from '../../platform/database';
import { AppError } from '../../platform/errors';
import type { UserRecord } from '../identity/user.model';
import {
  BALLOT_BUCKETS, bucketId, newBallotId, participationId, pollStore, randomBucket,
  type PollRecord, type PollTally, type StoredBallot,
} from './poll-store';

type Draft = PollDraftBody & { description: string };

/** Opinion polls (issue 12): staff draft, publish and close; residents of the audience answer once. */
export function createPollService({ conn, wechat }: Pick<AppDeps, 'conn' | 'wechat'>) {
  const store = pollStore(conn);

  // ---- who may do what --------------------------------------------------------------------------

  /** The communities a person manages polls for, or 'street' (the admin). */
  function managedScope(user: UserRecord): 'street' | mongo.BSON.ObjectId[] {
    if ((user.roles ?? []).some((b) => b.role === 'admin')) return 'street';
    return (user.roles ?? []).flatMap((b) => (b.role === 'community_staff' && b.communityId ? [new Types.ObjectId(String(b.communityId))] : []));
  }

  function manages(user: UserRecord, poll: Pick<PollRecord, 'communityId'>): boolean {
    const scope = managedScope(user);
    if (scope === 'street') return true;
    return poll.communityId !== null && scope.some((id) => id.equals(poll.communityId!));
  }

  /** The owner a draft's audience implies, checked against the author's scope. */
  function ownerOf(user: UserRecord, draft: Draft): mongo.BSON.ObjectId | null {
    const scope = managedScope(user);
    if (scope === 'street') return draft.audience.scope === 'communities' && draft.audience.communityIds.length === 1 ? new Types.ObjectId(draft.audience.communityIds[0]) : null;
    // community staff ask their own community, and only it
    const audience = draft.audience;
    const own = audience.scope === 'communities' && audience.communityIds.length === 1 ? scope.find((id) => id.toHexString() === audience.communityIds[0]) : undefined;
    if (!own) throw new AppError('FORBIDDEN', 403, [{ path: 'audience', message: '社区工作人员只能向本社区居民发起问卷' }]);
    return own;
  }

  function stateOf(poll: PollRecord, at: Date): PollState {
    if (poll.status === 'draft') return 'draft';
    if (poll.status === 'closed' || at >= poll.closesAt) return 'closed';
    return at < poll.opensAt ? 'scheduled' : 'open';
  }

  /** Why this person may not answer, or undefined when they may (the poll's time aside). */
  function refusalOf(user: UserRecord, poll: PollRecord, at: Date): AppError | undefined {
    const realName = user.realName;
    if (!realName) return new AppError('REAL_NAME_REQUIRED', 403);
    if (poll.audience.scope === 'communities' && !poll.audience.communityIds.includes(realName.communityId.toString())) {
      return new AppError('POLL_NOT_IN_AUDIENCE', 403);
    }
    if (poll.minAge !== undefined && ageOn(realName.birthDate, at) < poll.minAge) return new AppError('POLL_AGE_RESTRICTED', 403);
    return undefined;
  }

  async function findPoll(rawId: string): Promise<PollRecord> {
    const poll = await store.polls().findOne({ _id: new Types.ObjectId(rawId) });
    if (!poll) throw new AppError('POLL_NOT_FOUND', 404);
    return poll;
  }

  /** A poll as this person may see it: drafts only by its managers, published ones by its audience and managers. */
  async function visiblePoll(user: UserRecord, rawId: string): Promise<{ poll: PollRecord; manager: boolean }> {
    const poll = await findPoll(rawId);
    const manager = manages(user, poll);
    if (manager) return { poll, manager };
    const refusal = refusalOf(user, poll, now());
    if (poll.status === 'draft' || refusal?.code === 'POLL_NOT_IN_AUDIENCE') throw new AppError('POLL_NOT_FOUND', 404);
    return { poll, manager };
  }

  async function tallyOf(pollId: mongo.BSON.ObjectId): Promise<PollTally> {
    return (await store.tallies().findOne({ _id: pollId })) ?? { _id: pollId, ballots: 0 };
  }

  async function answeredBy(user: UserRecord, pollId: mongo.BSON.ObjectId): Promise<boolean> {
    return (await store.participations().countDocuments({ _id: participationId(pollId, user._id) }, { limit: 1 })) > 0;
  }

  async function view(user: UserRecord, poll: PollRecord, manager: boolean): Promise<PollView> {
    const at = now();
    const [tally, answered] = await Promise.all([tallyOf(poll._id), answeredBy(user, poll._id)]);
    const state = stateOf(poll, at);
    const refusal = refusalOf(user, poll, at);
    const reason = answered
      ? '您已提交过本问卷'
      : refusal
        ? refusal.message
        : state === 'open'
          ? undefined
          : state === 'scheduled'
            ? '问卷尚未开始'
            : state === 'closed'
              ? '问卷已结束'
              : '问卷尚未发布';
    return {
      id: poll._id.toHexString(),
      title: poll.title,
      description: poll.description,
      questions: poll.questions,
      audience: poll.audience,
      ...(poll.minAge !== undefined ? { minAge: poll.minAge } : {}),
      opensAt: poll.opensAt.toISOString(),
      closesAt: poll.closesAt.toISOString(),
      results: poll.results,
      ballot: poll.ballot,
      state,
      ballots: tally.ballots,
      viewer: { answered, canAnswer: !reason, ...(reason ? { reason } : {}), manages: manager },
    };
  }

  // ---- staff: draft, publish, close ---------------------------------------------------------------

  function recordOf(draft: Draft) {
    return {
      title: draft.title,
      description: draft.description,
      questions: draft.questions,
      audience: draft.audience,
      ...(draft.minAge !== undefined ? { minAge: draft.minAge } : {}),
      opensAt: new Date(draft.opensAt),
      closesAt: new Date(draft.closesAt),
      results: draft.results,
      ballot: draft.ballot,
    };
  }

  async function createPoll(user: UserRecord, draft: Draft): Promise<PollView> {
    const poll: PollRecord = {
      _id: new Types.ObjectId(),
      communityId: ownerOf(user, draft),
      createdBy: user._id,
      status: 'draft',
      ...recordOf(draft),
      audienceSize: 0,
      createdAt: now(),
    };
    await store.polls().insertOne(poll);
    return view(user, poll, true);
  }

  async function managedPoll(user: UserRecord, rawId: string): Promise<PollRecord> {
    const poll = await findPoll(rawId);
    if (!manages(user, poll)) throw new AppError('POLL_NOT_FOUND', 404);
    return poll;
  }

  async function updatePoll(user: UserRecord, rawId: string, draft: Draft): Promise<PollView> {
    const poll = await managedPoll(user, rawId);
    const communityId = ownerOf(user, draft);
    const updated = await store.polls().findOneAndUpdate(
      { _id: poll._id, status: 'draft' },
      { $set: { ...recordOf(draft), communityId } },
      { returnDocument: 'after' },
    );
    if (!updated) throw new AppError('POLL_NOT_DRAFT', 409);
    return view(user, updated, true);
  }

  /** Real-name residents of the audience now: the base of the participation rate (by community, on its index). */
  async function audienceSize(poll: PollRecord): Promise<number> {
    const communityIds =
      poll.audience.scope === 'street'
        ? (await conn.db!.collection('communities').find({}, { projection: { _id: 1 } }).toArray()).map((c) => c._id)
        : poll.audience.communityIds.map((id) => new Types.ObjectId(id));
    return conn.db!.collection('users').countDocuments({ 'realName.communityId': { $in: communityIds }, deletedAt: { $exists: false } }, { hint: 'real_name_community' });
  }

  async function publishPoll(user: UserRecord, rawId: string): Promise<PollView> {
    const poll = await managedPoll(user, rawId);
    if (poll.status !== 'draft') throw new AppError('POLL_NOT_DRAFT', 409);
    const at = now();
    if (poll.closesAt <= at) throw new AppError('VALIDATION_FAILED', 400, [{ path: 'closesAt', message: '结束时间已过，请先修改' }]);
    // the places its ballots will go, and its tally, exist before anyone can answer
    await store.tallies().updateOne({ _id: poll._id }, { $setOnInsert: { ballots: 0 } }, { upsert: true });
    const buckets = Array.from({ length: BALLOT_BUCKETS }, (_, n) => ({ _id: bucketId(poll._id, n), pollId: poll._id, ballots: [] }));
    await store.buckets().insertMany(buckets, { ordered: false }).catch((err: unknown) => {
      if (!isDuplicateKeyError(err)) throw err; // a publish that was retried
    });
    const published = await store.polls().findOneAndUpdate(
      { _id: poll._id, status: 'draft' },
      { $set: { status: 'published', publishedAt: at, audienceSize: await audienceSize(poll) } },
      { returnDocument: 'after' },
    );
    if (!published) throw new AppError('POLL_NOT_DRAFT', 409);
    return view(user, published, true);
  }

  async function closePoll(user: UserRecord, rawId: string): Promise<PollView> {
    const poll = await managedPoll(user, rawId);
    if (poll.status === 'draft') throw new AppError('POLL_NOT_OPEN', 409);
    const closed = await store.polls().findOneAndUpdate(
      { _id: poll._id, status: 'published' },
      { $set: { status: 'closed', closedAt: now() } },
      { returnDocument: 'after' },
    );
    if (!closed) throw new AppError('POLL_ALREADY_CLOSED', 409);
    return view(user, closed, true);
  }

  async function summaries(user: UserRecord, polls: PollRecord[]): Promise<PollSummaryView[]> {
    const at = now();
    const ids = polls.map((p) => participationId(p._id, user._id));
    const [tallies, answered] = await Promise.all([
      store.tallies().find({ _id: { $in: polls.map((p) => p._id) } }).toArray(),
      store.participations().find({ _id: { $in: ids } }, { projection: { _id: 1 } }).toArray(),
    ]);
    const done = new Set(answered.map((a) => a._id));
    return polls.map((p) => ({
      id: p._id.toHexString(),
      title: p.title,
      state: stateOf(p, at),
      opensAt: p.opensAt.toISOString(),
      closesAt: p.closesAt.toISOString(),
      ballots: tallies.find((t) => t._id.equals(p._id))?.ballots ?? 0,
      ballot: p.ballot,
      answered: done.has(participationId(p._id, user._id)),
    }));
  }

  async function managedPolls(user: UserRecord): Promise<{ items: PollSummaryView[] }> {
    const scope = managedScope(user);
    const filter = scope === 'street' ? {} : { communityId: { $in: scope } };
    const polls = await store.polls().find(filter, { hint: 'owner_created' }).sort({ communityId: 1, createdAt: -1 }).limit(100).toArray();
    return { items: await summaries(user, polls) };
  }

  /** Published polls this resident is in the audience of, their community's and the street's: the open ones, then the closed, newest first. */
  async function openPolls(user: UserRecord): Promise<{ items: PollSummaryView[] }> {
    const communityId = user.realName?.communityId.toString();
    const audience = [{ 'audience.scope': 'street' }, ...(communityId ? [{ 'audience.communityIds': communityId }] : [])];
    const page = (status: PollRecord['status'], limit: number) =>
      store.polls()
        .find({ status, $or: audience } as mongo.Filter<PollRecord>, { hint: 'status_opens' })
        .sort({ status: 1, opensAt: -1 })
        .limit(limit)
        .toArray();
    const [open, closed] = await Promise.all([page('published', 50), page('closed', 20)]);
    return { items: await summaries(user, [...open, ...closed]) };
  }

  async function pollDetail(user: UserRecord, rawId: string): Promise<PollView> {
    const { poll, manager } = await visiblePoll(user, rawId);
    return view(user, poll, manager);
  }

  // ---- answering -----------------------------------------------------------------------------------

  /** The answers against the questions: every question once, each in its own form; else 400 and nothing stored. */
  function checkAnswers(questions: PollQuestion[], answers: PollAnswer[]): PollAnswer[] {
    const invalid = (questionId: string, message: string) => new AppError('POLL_ANSWER_INVALID', 400, [{ path: `answers.${questionId}`, message }]);
    const byId = new Map(answers.map((a) => [a.questionId, a]));
    if (byId.size !== answers.length) throw invalid('', '同一题目只能回答一次');
    for (const a of answers) if (!questions.some((q) => q.id === a.questionId)) throw invalid(a.questionId, '没有这道题');
    return questions.map((q) => {
      const a = byId.get(q.id);
      if (!a) throw invalid(q.id, `请回答：${q.title}`);
      const only = (field: 'choices' | 'rating' | 'text') => (['choices', 'rating', 'text'] as const).every((f) => f === field || a[f] === undefined);
      if (q.kind === 'text') {
        if (!only('text') || (a.text ?? '').length > q.maxLength) throw invalid(q.id, `最多${q.maxLength}字`);
        return { questionId: q.id, text: a.text ?? '' };
      }
      if (q.kind === 'rating') {
        if (!only('rating') || a.rating === undefined) throw invalid(q.id, '请打1至5分');
        return { questionId: q.id, rating: a.rating };
      }
      const choices = a.choices ?? [];
      const known = new Set(q.options.map((o) => o.id));
      if (!only('choices') || new Set(choices).size !== choices.length || choices.some((c) => !known.has(c))) throw invalid(q.id, '选项不在本题中');
      if (q.kind === 'single' && choices.length !== 1) throw invalid(q.id, '请选择一项');
      if (q.kind === 'multiple' && (choices.length < q.min || choices.length > q.max)) throw invalid(q.id, `请选择${q.min}至${q.max}项`);
      if (q.kind === 'ranking' && choices.length !== q.options.length) throw invalid(q.id, '请为全部选项排序');
      return { questionId: q.id, choices };
    });
  }

  /** The ballot's `$inc`: counts, Borda points (n-1 for the first of n), ratings and their sum. */
  function tallyIncrement(questions: PollQuestion[], answers: PollAnswer[]): Record<string, number> {
    const inc: Record<string, number> = { ballots: 1 };
    for (const a of answers) {
      const q = questions.find((x) => x.id === a.questionId)!;
      const at = `q.${q.id}`;
      if (q.kind === 'text' && !a.text) continue; // an empty text box answered nothing
      inc[`${at}.n`] = 1;
      if (q.kind === 'rating') {
        inc[`${at}.r.${a.rating}`] = 1;
        inc[`${at}.sum`] = a.rating!;
      } else if (q.kind === 'ranking') {
        a.choices!.forEach((c, place) => (inc[`${at}.p.${c}`] = a.choices!.length - 1 - place));
      } else if (q.kind !== 'text') {
        for (const c of a.choices!) inc[`${at}.o.${c}`] = 1;
      }
    }
    return inc;
  }

  async function answerPoll(user: UserRecord, rawId: string, body: BallotBody): Promise<{ counted: true }> {
    const { poll } = await visiblePoll(user, rawId);
    const at = now();
    const refusal = refusalOf(user, poll, at);
    if (refusal) throw refusal;
    if (stateOf(poll, at) !== 'open') throw new AppError('POLL_NOT_OPEN', 409);
    const answers = checkAnswers(poll.questions, body.answers);
    const texts = answers.filter((a) => a.text).map((a) => a.text!);
    if (texts.length > 0) {
      const verdict = await wechat.checkText({ openid: user.openid, content: texts.join('\n'), scene: 2 });
      if (verdict.suggest === 'risky') throw new AppError('CONTENT_RISKY', 400);
    }
    const day = cstDate(at);
    // who: the unique _id makes the second answer (also a concurrent one, in any process) a duplicate
    try {
      await store.participations().insertOne({ _id: participationId(poll._id, user._id), pollId: poll._id, day });
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new AppError('POLL_ALREADY_ANSWERED', 409);
      throw err;
    }
    // what: a random id, a random bucket, kept sorted by that id; the user only on a named ballot
    const ballot: StoredBallot = { id: newBallotId(), answers, day, ...(poll.ballot === 'named' ? { userId: user._id.toHexString() } : {}) };
    await store.buckets().updateOne({ _id: randomBucket(poll._id) }, { $push: { ballots: { $each: [ballot], $sort: { id: 1 } } } });
    await store.tallies().updateOne({ _id: poll._id }, { $inc: tallyIncrement(poll.questions, answers) });
    return { counted: true };
  }

  // ---- results ---------------------------------------------------------------------------------------

  function resultsOf(poll: PollRecord, tally: PollTally): QuestionResult[] {
    return poll.questions.map((q) => {
      const t = tally.q?.[q.id] ?? {};
      const base = { questionId: q.id, kind: q.kind, title: q.title, answered: t.n ?? 0 };
      if (q.kind === 'rating') {
        const ratingCounts = [1, 2, 3, 4, 5].map((r) => t.r?.[String(r)] ?? 0);
        return { ...base, ratingCounts, ratingMean: t.n ? Math.round(((t.sum ?? 0) / t.n) * 100) / 100 : null };
      }
      if (q.kind === 'text') return base;
      if (q.kind === 'ranking') {
        const options = q.options.map((o) => ({ id: o.id, label: o.label, count: t.n ?? 0, points: t.p?.[o.id] ?? 0 }));
        return { ...base, options: options.sort((a, b) => b.points - a.points) };
      }
      return { ...base, options: q.options.map((o) => ({ id: o.id, label: o.label, count: t.o?.[o.id] ?? 0 })) };
    });
  }

  async function pollResults(user: UserRecord, rawId: string): Promise<PollResultsView> {
    const { poll, manager } = await visiblePoll(user, rawId);
    const state = stateOf(poll, now());
    if (poll.status === 'draft') throw new AppError('POLL_NOT_OPEN', 409);
    if (!manager && (poll.results === 'staff_only' || (poll.results === 'after_close' && state !== 'closed'))) throw new AppError('POLL_RESULTS_HIDDEN', 403);
    const tally = await tallyOf(poll._id);
    return {
      pollId: poll._id.toHexString(),
      state,
      ballots: tally.ballots,
      audienceSize: poll.audienceSize,
      questions: resultsOf(poll, tally),
      ...(state === 'closed' ? { ballotsDigest: await digestOf(poll, tally.ballots) } : {}),
    };
  }

  /**
   * The closed poll's ballots digest, made from every ballot once and kept with the count it covers:
   * reading results stays a read of the poll and its tally, whatever the number of ballots.
   */
  async function digestOf(poll: PollRecord, ballots: number): Promise<string> {
    if (poll.ballotsDigest?.ballots === ballots) return poll.ballotsDigest.sha256;
    const sha256 = createHash('sha256').update(await ballotsCsvOf(poll)).digest('hex');
    await store.polls().updateOne({ _id: poll._id }, { $set: { ballotsDigest: { ballots, sha256 } } });
    return sha256;
  }

  /** One line per answer, ballots by their random id: `ballot,question,answer` (choices in order, joined by `|`). */
  async function ballotsCsvOf(poll: PollRecord): Promise<string> {
    const buckets = await store.buckets().find({ pollId: poll._id }, { hint: 'poll' }).toArray();
    const ballots = buckets.flatMap((b) => b.ballots).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const cell = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
    const lines = ['ballot,question,answer'];
    for (const b of ballots) {
      for (const a of b.answers) {
        const answer = a.choices ? a.choices.join('|') : a.rating !== undefined ? String(a.rating) : (a.text ?? '');
        lines.push([b.id, a.questionId, cell(answer)].join(','));
      }
    }
    return `${lines.join('\n')}\n`;
  }

  async function ballotsCsv(user: UserRecord, rawId: string): Promise<string> {
    const poll = await managedPoll(user, rawId);
    if (poll.status === 'draft') throw new AppError('POLL_NOT_OPEN', 409);
    return ballotsCsvOf(poll);
  }

  return { createPoll, updatePoll, publishPoll, closePoll, managedPolls, openPolls, pollDetail, answerPoll, pollResults, ballotsCsv };
}

export type PollService = ReturnType<typeof createPollService>;
