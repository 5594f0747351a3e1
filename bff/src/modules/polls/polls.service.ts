import { Types, type mongo } from 'mongoose';
import {
  ageOn, type BallotBody, type PollAnswer, type PollDraftBody, type PollQuestion, type PollResultsView, type PollState,
  type PollSummaryView, type PollTextsView, type PollView, type PublishTextsBody, type QuestionResult,
} from '@gongzhi/shared';
import { now } from '../../platform/clock';
import type { AppDeps } from '../../platform/deps';
import { BallotAlreadyCast, votingClosedAt, votingState, type StoredBallot, type Tally } from '../../platform/ballot-box';
import { readById } from '../../platform/reads-by-id';
import { csvTable } from '../../platform/csv';
import { AppError } from '../../platform/errors';
import { managedCommunities, managesCommunity } from '../identity/community-scope';
import { attachPhotos, checkOwnPhotos } from '../uploads/photos';
import { countResidents } from '../identity/residents';
import type { UserRecord } from '../identity/user.model';
import { pollStore, type PollBallot, type PollRecord } from './poll-store';

/** A tally as the ballot box keeps it for a poll: per question, ballots that answered it and their counts. */
interface PollTally extends Tally {
  q?: Record<string, QuestionTally>;
}

interface QuestionTally {
  /** ballots that answered it */
  n?: number;
  /** option id → times chosen (single, multiple) */
  o?: Record<string, number>;
  /** option id → Borda points (ranking) */
  p?: Record<string, number>;
  /** rating → count, and their sum */
  r?: Record<string, number>;
  sum?: number;
}

type Draft = PollDraftBody & { description: string };

/** Opinion polls (issue 12): staff draft, publish and close; residents of the audience answer once. */
export function createPollService({ conn, wechat }: Pick<AppDeps, 'conn' | 'wechat'>) {
  const store = pollStore(conn);
  const box = store.box;

  // ---- who may do what --------------------------------------------------------------------------

  const manages = (user: UserRecord, poll: Pick<PollRecord, 'communityId'>) => managesCommunity(user, poll.communityId);

  /** The owner a draft's audience implies, checked against the author's scope. */
  function ownerOf(user: UserRecord, draft: Draft): mongo.BSON.ObjectId | null {
    const scope = managedCommunities(user);
    if (scope === 'street') return draft.audience.scope === 'communities' && draft.audience.communityIds.length === 1 ? new Types.ObjectId(draft.audience.communityIds[0]) : null;
    // community staff ask their own community, and only it
    const audience = draft.audience;
    const own = audience.scope === 'communities' && audience.communityIds.length === 1 ? scope.find((id) => id.toHexString() === audience.communityIds[0]) : undefined;
    if (!own) throw new AppError('FORBIDDEN', 403, [{ path: 'audience', message: '社区工作人员只能向本社区居民发起问卷' }]);
    return own;
  }

  const stateOf = (poll: PollRecord, at: Date): PollState => votingState(poll.status, poll.opensAt, poll.closesAt, at);

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

  // by _id, shared with the requests that ask at the same moment (platform/reads-by-id.ts): a burst of voters
  const readPoll = readById<PollRecord>(conn, 'polls');
  async function findPoll(rawId: string): Promise<PollRecord> {
    const poll = await readPoll(rawId);
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

  const tallyOf = (pollId: mongo.BSON.ObjectId) => box.tally(pollId) as Promise<PollTally>;
  const answeredBy = async (user: UserRecord, pollId: mongo.BSON.ObjectId) => (await box.votedIn([pollId], user._id)).size > 0;

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
      ...(poll.coverId ? { coverId: poll.coverId.toHexString() } : {}),
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
      ...(draft.coverId ? { coverId: new Types.ObjectId(draft.coverId) } : {}),
      questions: draft.questions,
      audience: draft.audience,
      ...(draft.minAge !== undefined ? { minAge: draft.minAge } : {}),
      opensAt: new Date(draft.opensAt),
      closesAt: new Date(draft.closesAt),
      results: draft.results,
      ballot: draft.ballot,
    };
  }

  /** A cover must be the author's own upload not attached elsewhere; attached to the poll once it is stored. */
  async function checkCover(user: UserRecord, draft: Draft, poll?: PollRecord): Promise<void> {
    if (!draft.coverId || poll?.coverId?.toHexString() === draft.coverId) return;
    await checkOwnPhotos(conn, [new Types.ObjectId(draft.coverId)], user._id, 'coverId');
  }

  /** Whether this person may see the poll's cover: whoever may see the poll. */
  async function seesCover(user: UserRecord, pollId: mongo.BSON.ObjectId): Promise<boolean> {
    return visiblePoll(user, pollId.toHexString()).then(
      () => true,
      () => false,
    );
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
    await checkCover(user, draft);
    await store.polls().insertOne(poll);
    if (poll.coverId) await attachPhotos(conn, [poll.coverId], user._id, { pollId: poll._id });
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
    await checkCover(user, draft, poll);
    const updated = await store.polls().findOneAndUpdate(
      { _id: poll._id, status: 'draft' },
      { $set: { ...recordOf(draft), communityId } },
      { returnDocument: 'after' },
    );
    if (!updated) throw new AppError('POLL_NOT_DRAFT', 409);
    if (updated.coverId) await attachPhotos(conn, [updated.coverId], user._id, { pollId: updated._id });
    return view(user, updated, true);
  }

  /** Real-name residents of the audience now: the base of the participation rate. */
  const audienceSize = (poll: PollRecord) =>
    countResidents(conn, poll.audience.scope === 'street' ? 'street' : poll.audience.communityIds.map((id) => new Types.ObjectId(id)));

  async function publishPoll(user: UserRecord, rawId: string): Promise<PollView> {
    const poll = await managedPoll(user, rawId);
    if (poll.status !== 'draft') throw new AppError('POLL_NOT_DRAFT', 409);
    const at = now();
    if (poll.closesAt <= at) throw new AppError('VALIDATION_FAILED', 400, [{ path: 'closesAt', message: '结束时间已过，请先修改' }]);
    // the places its ballots will go, and its tally, exist before anyone can answer
    await box.open(poll._id);
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
    const ids = polls.map((p) => p._id);
    const [tallies, done] = await Promise.all([box.talliesOf(ids), box.votedIn(ids, user._id)]);
    return polls.map((p) => ({
      id: p._id.toHexString(),
      title: p.title,
      state: stateOf(p, at),
      opensAt: p.opensAt.toISOString(),
      closesAt: p.closesAt.toISOString(),
      ballots: tallies.get(p._id.toHexString())?.ballots ?? 0,
      ballot: p.ballot,
      answered: done.has(p._id.toHexString()),
    }));
  }

  async function managedPolls(user: UserRecord): Promise<{ items: PollSummaryView[] }> {
    const scope = managedCommunities(user);
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
    const inc: Record<string, number> = {};
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
    try {
      await box.cast(poll._id, user._id, { answers }, tallyIncrement(poll.questions, answers), { named: poll.ballot === 'named', at });
    } catch (err) {
      // the second answer (also a concurrent one, in any process) finds the first one's participation
      if (err instanceof BallotAlreadyCast) throw new AppError('POLL_ALREADY_ANSWERED', 409);
      throw err;
    }
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
      if (q.kind === 'text') return { ...base, texts: poll.publishedTexts?.[q.id] ?? [] };
      if (q.kind === 'ranking') {
        const options = q.options.map((o) => ({ id: o.id, label: o.label, count: t.n ?? 0, points: t.p?.[o.id] ?? 0 }));
        return { ...base, options: options.sort((a, b) => b.points - a.points) };
      }
      return { ...base, options: q.options.map((o) => ({ id: o.id, label: o.label, count: t.o?.[o.id] ?? 0 })) };
    });
  }

  /**
   * A closed poll, once no ballot can still be in flight (a minute after closing), is settled once:
   * every ballot recounted, the running tally replaced if a crash left it short, and the ballots CSV
   * digested (platform/ballot-box.ts). Reading results afterwards is a read of the poll and its tally.
   */
  async function settled(poll: PollRecord, at: Date): Promise<{ poll: PollRecord; tally: PollTally }> {
    const done = await box.settleWhenDue(store.polls(), poll, votingClosedAt(poll, at), (b) => tallyIncrement(poll.questions, b.answers), ballotsCsvOf, at);
    return { poll: done.owner, tally: done.tally as PollTally };
  }

  /** Whether this person may read the poll's results (and so its anonymous ballots): staff always, others as the poll says. */
  function mayReadResults(poll: PollRecord, manager: boolean, state: PollState): boolean {
    if (poll.status === 'draft') throw new AppError('POLL_NOT_OPEN', 409);
    return manager || poll.results === 'live' || (poll.results === 'after_close' && state === 'closed');
  }

  async function pollResults(user: UserRecord, rawId: string): Promise<PollResultsView> {
    const found = await visiblePoll(user, rawId);
    const at = now();
    const state = stateOf(found.poll, at);
    if (!mayReadResults(found.poll, found.manager, state)) throw new AppError('POLL_RESULTS_HIDDEN', 403);
    const { poll, tally } = await settled(found.poll, at);
    return {
      pollId: poll._id.toHexString(),
      state,
      ballots: tally.ballots,
      audienceSize: poll.audienceSize,
      questions: resultsOf(poll, tally),
      ...(poll.settled ? { ballotsDigest: poll.settled.sha256, settled: { ballots: poll.settled.ballots, participations: poll.settled.participations, repaired: poll.settled.repaired } } : {}),
    };
  }

  /** One line per answer, ballots by their random id: ballot, question, answer (choices in order, joined by `|`). */
  function ballotsCsvOf(ballots: StoredBallot<PollBallot>[]): string {
    const rows = ballots.flatMap((b) =>
      b.answers.map((a) => [b.id, a.questionId, a.choices ? a.choices.join('|') : a.rating !== undefined ? String(a.rating) : (a.text ?? '')]),
    );
    return csvTable(['ballot', 'question', 'answer'], rows);
  }

  /** The anonymous ballots, to whoever may read the results: SHA-256 of this file is the published digest. */
  async function ballotsCsv(user: UserRecord, rawId: string): Promise<string> {
    const { poll, manager } = await visiblePoll(user, rawId);
    if (!mayReadResults(poll, manager, stateOf(poll, now()))) throw new AppError('POLL_RESULTS_HIDDEN', 403);
    return ballotsCsvOf(await box.ballots(poll._id));
  }

  /** The results as a table: per question and option, count and share (ratings: count per score and the mean; ranking: Borda points). */
  async function resultsCsv(user: UserRecord, rawId: string): Promise<string> {
    const results = await pollResults(user, rawId);
    const share = (n: number, of: number) => (of ? `${((n / of) * 100).toFixed(1)}%` : '0.0%');
    const rows: Array<Array<string | number>> = [];
    for (const q of results.questions) {
      if (q.kind === 'rating') {
        q.ratingCounts!.forEach((n, i) => rows.push([q.questionId, q.title, `${i + 1}分`, n, share(n, q.answered), '']));
        rows.push([q.questionId, q.title, '平均分', q.answered, '', q.ratingMean ?? '']);
      } else if (q.kind === 'text') {
        rows.push([q.questionId, q.title, '填写人数', q.answered, '', '']);
      } else {
        for (const o of q.options!) rows.push([q.questionId, q.title, o.label, q.kind === 'ranking' ? q.answered : o.count, q.kind === 'ranking' ? '' : share(o.count, q.answered), o.points ?? '']);
      }
    }
    rows.push(['', '答卷总数', '', results.ballots, share(results.ballots, results.audienceSize), '']);
    return csvTable(['题目编号', '题目', '选项', '人数', '占比', 'Borda得分/平均分'], rows);
  }

  // ---- free text: staff read every answer, and choose which to show with the results --------------------

  const TEXTS_PAGE = 50;

  function textQuestion(poll: PollRecord, questionId: string) {
    const q = poll.questions.find((x) => x.id === questionId);
    if (!q || q.kind !== 'text') throw new AppError('VALIDATION_FAILED', 400, [{ path: 'question', message: '没有这道填空题' }]);
    return q;
  }

  /** A page of one question's free-text answers (ballot order, which is random), for the poll's staff. */
  async function pollTexts(user: UserRecord, rawId: string, questionId: string, offset: number): Promise<PollTextsView> {
    const poll = await managedPoll(user, rawId);
    textQuestion(poll, questionId);
    const texts = (await box.ballots(poll._id)).flatMap((b) => b.answers.filter((a) => a.questionId === questionId && a.text).map((a) => a.text!));
    const published = new Set(poll.publishedTexts?.[questionId] ?? []);
    const page = texts.slice(offset, offset + TEXTS_PAGE).map((text) => ({ text, published: published.has(text) }));
    return { items: page, total: texts.length, ...(offset + TEXTS_PAGE < texts.length ? { nextOffset: offset + TEXTS_PAGE } : {}) };
  }

  /** Sets which answers to a free-text question everyone who sees the results reads; each must be an answer given. */
  async function publishTexts(user: UserRecord, rawId: string, body: PublishTextsBody): Promise<PollView> {
    const poll = await managedPoll(user, rawId);
    textQuestion(poll, body.questionId);
    const given = new Set((await box.ballots(poll._id)).flatMap((b) => b.answers.filter((a) => a.questionId === body.questionId).map((a) => a.text)));
    const unknown = body.texts.findIndex((t) => !given.has(t));
    if (unknown >= 0) throw new AppError('VALIDATION_FAILED', 400, [{ path: `texts.${unknown}`, message: '没有这条回答' }]);
    const updated = await store.polls().findOneAndUpdate({ _id: poll._id }, { $set: { [`publishedTexts.${body.questionId}`]: [...new Set(body.texts)] } }, { returnDocument: 'after' });
    return view(user, updated!, true);
  }

  /** Settles every poll closed long enough ago and not yet settled (the worker's job; reading results does the same). */
  async function settleDue(at: Date = now()): Promise<number> {
    const due = await store.polls()
      .find({ status: { $in: ['published', 'closed'] }, settled: { $exists: false }, $or: [{ status: 'closed' }, { closesAt: { $lte: at } }] } as mongo.Filter<PollRecord>, { hint: 'status_opens' })
      .limit(20)
      .toArray();
    let settledNow = 0;
    for (const poll of due) if ((await settled(poll, at)).poll.settled) settledNow++;
    return settledNow;
  }

  return {
    settleDue,
    seesCover,
    createPoll, updatePoll, publishPoll, closePoll, managedPolls, openPolls, pollDetail, answerPoll, pollResults, ballotsCsv, resultsCsv,
    pollTexts, publishTexts, settled,
  };
}

export type PollService = ReturnType<typeof createPollService>;
