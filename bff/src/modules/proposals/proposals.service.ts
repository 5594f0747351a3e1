import { Types } from 'mongoose';
import {
  PROPOSAL_RULES, type AnswerProposalBody, type CreateProposalBody, type ProgressBody, type ProposalPage, type ProposalSettingsView, type ProposalView,
} from '@gongzhi/shared';
import { refused } from '../../platform/action-table';
import { now } from '../../platform/clock';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { createCalendarService } from '../calendar/calendar.service';
import { managedCommunities, managesCommunity } from '../identity/community-scope';
import type { UserRecord } from '../identity/user.model';
import { attachPhotos, checkOwnPhotos } from '../uploads/photos';
import { proposalRefusal, type ProposalRole } from './proposal-actions';
import { visibleProposal } from './proposal-access';
import { ORDERS, pageProposals } from './proposal-lists';
import { move, reachThreshold } from './proposal-moves';
import { announce } from './proposal-notices';
import { proposalStore, type ProposalRecord } from './proposal-store';
import { toSummaryView, toView } from './proposal-view';

/** the body as validated (photoIds defaulted) */
type NewProposal = Omit<CreateProposalBody, 'photoIds'> & { photoIds: string[] };
type Cursor = { cursor?: string; limit: number };
const DAY_MS = 86_400_000;

/** Resident proposals (issue 12): propose, support (附议), reach the threshold, be answered, report progress. */
export function createProposalService({ conn, wechat }: Pick<AppDeps, 'conn' | 'wechat'>) {
  const store = proposalStore(conn);
  const calendar = createCalendarService({ conn });

  const realNameCommunity = (user: UserRecord): Types.ObjectId => {
    if (!user.realName) throw new AppError('REAL_NAME_REQUIRED', 403);
    return new Types.ObjectId(String(user.realName.communityId));
  };

  async function view(user: UserRecord, p: ProposalRecord, roles: ProposalRole[]): Promise<ProposalView> {
    const supported = roles.includes('resident') && (await store.hasSupported(p._id, user._id));
    return toView(user, p, roles, supported, now());
  }

  async function thresholdOf(communityId: Types.ObjectId): Promise<number> {
    return (await store.threshold(communityId)) ?? PROPOSAL_RULES.defaultThreshold;
  }

  // ---- residents: propose, support, withdraw ----------------------------------------------------

  /** A real-name resident proposes for their own community; the text passes the content check first, and nothing is stored otherwise. */
  async function propose(user: UserRecord, body: NewProposal): Promise<ProposalView> {
    const communityId = realNameCommunity(user);
    const photoIds = body.photoIds.map((id) => new Types.ObjectId(id));
    await checkOwnPhotos(conn, photoIds, user._id, 'photoIds');
    const content = [body.title, body.text, body.place?.address].filter(Boolean).join('\n');
    const verdict = await wechat.checkText({ openid: user.openid, content, scene: 2 });
    if (verdict.suggest === 'risky') throw new AppError('CONTENT_RISKY', 400);
    const at = now();
    const p: ProposalRecord = {
      _id: new Types.ObjectId(),
      communityId,
      authorId: user._id,
      title: body.title,
      text: body.text,
      photoIds,
      ...(body.place ? { place: body.place } : {}),
      state: 'open',
      listed: true,
      // the rule it is held to is the one in force when it was proposed
      threshold: await thresholdOf(communityId),
      supports: 0,
      supportDeadline: new Date(at.getTime() + PROPOSAL_RULES.supportWindowDays * DAY_MS),
      progress: [],
      events: [],
      announcements: [],
      version: 0,
      createdAt: at,
    };
    await store.proposals().insertOne(p);
    await attachPhotos(conn, photoIds, user._id, { proposalId: p._id });
    return view(user, p, ['author']);
  }

  /**
   * 附议: judged by the table (another real-name resident of the community, while it collects or awaits
   * its answer); the support's unique _id admits one per person, however many taps arrive at once; the
   * count is one `$inc`; the support that reaches the threshold moves the proposal, once.
   */
  async function support(user: UserRecord, rawId: string): Promise<ProposalView> {
    realNameCommunity(user);
    const { p, roles } = await visibleProposal(store, user, rawId);
    const at = now();
    const refusal = proposalRefusal('support', roles, { p, at });
    if (refusal) throw refused(refusal);
    if (!(await store.insertSupport(p._id, user._id, at))) throw new AppError('PROPOSAL_ALREADY_SUPPORTED', 409);
    const counted = await store.countSupport(p._id);
    if (!counted) {
      // answered or withdrawn since it was judged: the support is taken back
      await store.dropSupport(p._id, user._id);
      throw new AppError('PROPOSAL_NOT_OPEN', 409);
    }
    // the support that reaches the threshold moves it; of several at once, one (move's filter on the state)
    const current = counted.state === 'open' && counted.supports >= counted.threshold ? ((await reachThreshold(store, calendar, counted._id, at)) ?? counted) : counted;
    return toView(user, current, roles, true, now());
  }

  async function withdraw(user: UserRecord, rawId: string): Promise<ProposalView> {
    const { p, roles } = await visibleProposal(store, user, rawId);
    return view(user, await move(store, { id: p._id, action: 'withdraw', roles, actorId: user._id }), roles);
  }

  // ---- staff: answer, report progress ------------------------------------------------------------

  /** A proposal to merge into: another live proposal of the same community (not withdrawn, expired or merged itself). */
  async function mergeTarget(p: ProposalRecord, rawId: string): Promise<ProposalRecord> {
    const target = await store.proposals().findOne({ _id: new Types.ObjectId(rawId) });
    const live = target && !['withdrawn', 'expired', 'merged'].includes(target.state);
    if (!target || !live || target._id.equals(p._id) || !target.communityId.equals(p.communityId)) {
      throw new AppError('PROPOSAL_MERGE_TARGET_INVALID', 400, [{ path: 'body.into', message: '只能合并到本社区另一条有效的提议' }]);
    }
    return target;
  }

  /** The community's answer: adopted, not adopted (with the reason) or merged; the author and every supporter are told. */
  async function answer(user: UserRecord, rawId: string, body: AnswerProposalBody): Promise<ProposalView> {
    const { p, roles } = await visibleProposal(store, user, rawId);
    const action = body.decision === 'adopted' ? 'adopt' : body.decision === 'not_adopted' ? 'notAdopt' : 'merge';
    // the state and role first, so an answer to a proposal not awaiting one is 409 whatever its body
    const refusal = proposalRefusal(action, roles, { p, at: now() });
    if (refusal) throw refused(refusal);
    const into = body.decision === 'merged' ? await mergeTarget(p, body.into) : undefined;
    const text = body.decision === 'adopted' ? body.text : body.decision === 'not_adopted' ? body.reason : (body.text ?? `已合并至提议“${into!.title}”一并办理`);
    const answered = await move(store, {
      id: p._id, action, roles, actorId: user._id,
      set: { answer: { decision: body.decision, text, ...(into ? { into: into._id } : {}), at: now(), by: user._id } },
      announce: 'answered',
    });
    await announce(conn, store, answered);
    return view(user, answered, roles);
  }

  async function reportProgress(user: UserRecord, rawId: string, body: ProgressBody): Promise<ProposalView> {
    const { p, roles } = await visibleProposal(store, user, rawId);
    const at = now();
    const reported = await move(store, { id: p._id, action: 'reportProgress', roles, actorId: user._id, at, push: { progress: { text: body.text, at, by: user._id } }, announce: 'progress' });
    await announce(conn, store, reported);
    return view(user, reported, roles);
  }

  // ---- reading ----------------------------------------------------------------------------------

  async function detail(user: UserRecord, rawId: string): Promise<ProposalView> {
    const { p, roles } = await visibleProposal(store, user, rawId);
    return view(user, p, roles);
  }

  /** The community's proposals for its residents: newest first, or most supported first. */
  async function list(user: UserRecord, query: Cursor & { order: 'newest' | 'supported' }): Promise<ProposalPage> {
    const communityId = realNameCommunity(user);
    const at = now();
    return pageProposals(store, [{ communityId, listed: true }], ORDERS[query.order], query, (p) => toSummaryView(user, p, at));
  }

  async function mine(user: UserRecord, query: Cursor): Promise<ProposalPage> {
    const at = now();
    return pageProposals(store, [{ authorId: user._id }], ORDERS.mine, query, (p) => toSummaryView(user, p, at));
  }

  /** The communities a staff member answers for: their own, or every community for the street admin. */
  async function answeringCommunities(user: UserRecord): Promise<Types.ObjectId[]> {
    const scope = managedCommunities(user);
    if (scope !== 'street') return scope;
    return (await conn.db!.collection('communities').find({}, { projection: { _id: 1 } }).toArray()).map((c) => c._id as Types.ObjectId);
  }

  /** Staff's queue: awaiting an answer, nearest deadline first (overdue ones flagged); or adopted ones, for progress reports. */
  async function queue(user: UserRecord, query: Cursor & { queue: 'awaiting' | 'adopted' }): Promise<ProposalPage> {
    const state = query.queue === 'awaiting' ? 'awaiting_answer' : 'adopted';
    const parts = (await answeringCommunities(user)).map((communityId) => ({ communityId, state }) as const);
    const at = now();
    return pageProposals(store, parts, ORDERS[query.queue], query, (p) => toSummaryView(user, p, at));
  }

  // ---- the community's rules --------------------------------------------------------------------

  async function managedCommunity(user: UserRecord, rawId: string): Promise<Types.ObjectId> {
    const communityId = new Types.ObjectId(rawId);
    if (!(await conn.db!.collection('communities').findOne({ _id: communityId }, { projection: { _id: 1 } }))) throw new AppError('COMMUNITY_NOT_FOUND', 404);
    if (!managesCommunity(user, communityId)) throw new AppError('FORBIDDEN', 403);
    return communityId;
  }

  const settingsView = (communityId: Types.ObjectId, threshold: number): ProposalSettingsView => ({
    communityId: communityId.toHexString(),
    threshold,
    supportWindowDays: PROPOSAL_RULES.supportWindowDays,
    answerWorkingDays: PROPOSAL_RULES.answerWorkingDays,
  });

  async function settings(user: UserRecord, rawId: string): Promise<ProposalSettingsView> {
    const communityId = await managedCommunity(user, rawId);
    return settingsView(communityId, await thresholdOf(communityId));
  }

  /** The community's threshold, for proposals made from now on. */
  async function updateSettings(user: UserRecord, rawId: string, body: { threshold: number }): Promise<ProposalSettingsView> {
    const communityId = await managedCommunity(user, rawId);
    await store.setThreshold(communityId, body.threshold, user._id, now());
    return settingsView(communityId, body.threshold);
  }

  return { propose, support, withdraw, answer, reportProgress, detail, list, mine, queue, settings, updateSettings };
}

export type ProposalService = ReturnType<typeof createProposalService>;
