import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import {
  COMPLAINT_RULES, isSameProblemNearby, ROLE_LABELS, type ComplaintSummaryView, type ComplaintView, type CreateComplaintBody, type FollowComplaintBody,
} from '@gongzhi/shared';
import { now } from '../../platform/clock';
import { isDuplicateKeyError } from '../../platform/database';
import { AppError } from '../../platform/errors';
import type { CalendarService } from '../calendar/calendar.service';
import type { CatalogueService } from '../catalogue/catalogue.service';
import type { UserRecord } from '../identity/user.model';
import { Communities } from '../reference/reference.model';
import { attachPhotos, checkOwnPhotos } from '../uploads/photos';
import { complaintIdOf, residentActor, SYSTEM_ACTOR_LABEL, type Actor } from './complaint-access';
import { Complaints, type ComplaintEvent, type ComplaintRecord } from './complaint.model';
import { firstAccepted, listFilters } from './complaint-queries';
import { newComplaintNumber } from './complaint-number';
import { toComplaintView, toPublicSummaryView } from './complaint-view';

import type { ComplaintDeps } from './complaint-counting';
import { transition } from './transition';

const IDEMPOTENCY_KEY = /^[\w-]{8,64}$/;
const DAY_MS = 86_400_000;

/** A stored complaint as the same-problem-nearby rule (shared) reads it. */
const candidateOf = (c: Pick<ComplaintRecord, 'categoryId' | 'location' | 'createdAt' | 'state'>) => ({
  categoryId: c.categoryId.toHexString(),
  point: c.location.point,
  createdAt: c.createdAt,
  state: c.state,
});

/** Filing a complaint: admission, duplicates, following an existing one (PRODUCT.md §2 intake). */
export function createIntakeService(deps: ComplaintDeps, catalogue: CatalogueService, calendar: CalendarService) {
  const { conn, wechat } = deps;
  const complaints = Complaints(conn);

  /**
   * A double tap sends the same Idempotency-Key twice: the unique index on (resident, key) lets
   * only one insert through and the other gets the same complaint back. The same key with another
   * body is a client bug, refused rather than guessed at.
   */
  async function fileComplaint(
    user: UserRecord,
    body: CreateComplaintBody,
    idempotencyKey: string | undefined,
  ): Promise<{ complaint: ComplaintView; replayed: boolean }> {
    if (!user.realName) throw new AppError('REAL_NAME_REQUIRED', 403);
    if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new AppError('VALIDATION_FAILED', 400, [{ path: 'headers.idempotency-key', message: '缺少或格式不正确的 Idempotency-Key' }]);
    }
    const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    const earlier = await replayOf(user, idempotencyKey, requestHash);
    if (earlier) return { complaint: earlier, replayed: true };

    const category = await catalogue.getActiveCategory(body.categoryId);
    const community = await Communities(conn).findById(body.communityId).lean();
    if (!community) throw new AppError('COMMUNITY_NOT_FOUND', 404);
    const photoIds = body.photoIds.map((id) => new Types.ObjectId(id));
    await checkOwnPhotos(conn, photoIds, user._id, 'photoIds');
    const verdict = await wechat.checkText({ openid: user.openid, content: `${body.description}\n${body.location.address}`, scene: 2 });
    if (verdict.suggest === 'risky') throw new AppError('CONTENT_RISKY', 400);

    const at = now();
    const admitted = category.admission.accepted;
    const events: ComplaintEvent[] = [
      { action: 'submit', from: null, to: 'submitted', at, actorId: user._id, actorRole: 'resident', actorLabel: ROLE_LABELS.resident, public: true },
    ];
    // Admission (事件准入): the resident's words are kept, and the referral tells them where to go instead.
    if (!admitted) {
      events.push({
        action: 'reject', from: 'submitted', to: 'rejected', at, actorId: null, actorRole: 'system', actorLabel: SYSTEM_ACTOR_LABEL,
        note: category.admission.referral, public: true, publicNote: category.admission.referral,
      });
    }
    const record: Omit<ComplaintRecord, '_id' | 'number'> = {
      residentId: user._id,
      followerIds: [],
      categoryId: category._id,
      categoryName: category.name,
      deadlineRules: category.deadlines,
      communityId: community._id,
      communityName: community.name,
      description: body.description,
      photoIds,
      location: body.location,
      showIdentityToUnit: body.showIdentityToUnit,
      publicConsent: body.publicConsent,
      publicExactPoint: body.publicConsent && body.publicExactPoint,
      state: admitted ? 'submitted' : 'rejected',
      stateChangedAt: at,
      createdAt: at,
      idempotencyKey,
      requestHash,
      unitId: null,
      unitName: null,
      assistingUnitIds: [],
      deadlines: admitted ? { dispatch: await calendar.deadlineFrom(at, category.deadlines.dispatch) } : {},
      appealDueAt: {},
      redoRounds: 0,
      sentBackThisRound: false,
      overdue: { any: false, dispatch: false, sign: false, firstContact: false, resolve: false, level: 0 },
      supervised: false,
      supervisions: [],
      appeal: null,
      assessment: { excluded: false, period: null, unitId: null },
      events,
      outbox: [],
      version: 0,
    };

    for (let attempt = 0; ; attempt++) {
      try {
        const created = await complaints.create({ ...record, number: newComplaintNumber(at) });
        const saved = await complaints.findById(created._id).lean<ComplaintRecord>();
        await attachPhotos(conn, photoIds, user._id, { complaintId: saved!._id });
        return { complaint: toComplaintView(saved!, { actor: residentActor(user), staff: false }), replayed: false };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        const twin = await replayOf(user, idempotencyKey, requestHash);
        if (twin) return { complaint: twin, replayed: true };
        if (attempt >= 4) throw err; // not our key: five number clashes in a row is no longer chance
      }
    }
  }

  async function replayOf(user: UserRecord, idempotencyKey: string, requestHash: string): Promise<ComplaintView | null> {
    const earlier = await complaints.findOne({ residentId: user._id, idempotencyKey }).lean<ComplaintRecord>();
    if (!earlier) return null;
    if (earlier.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED', 422);
    return toComplaintView(earlier, { actor: residentActor(user), staff: false });
  }

  /**
   * "Someone nearby already reported this" (isSameProblemNearby: same category, open, within 50 m and
   * 7 days; FixMyStreet practice). The category's open complaints, newest first (complaint-queries.ts);
   * the window is also a floor on their ids (an ObjectId starts with its creation second). The offer
   * carries the public summary only.
   */
  async function findSimilar(query: { categoryId: string; lat: number; lng: number }): Promise<{ items: ComplaintSummaryView[] }> {
    const at = now();
    const since = new Date(at.getTime() - COMPLAINT_RULES.duplicateWindowDays * DAY_MS);
    const floor = Types.ObjectId.createFromTime(Math.floor(since.getTime() / 1000));
    const same = (c: ComplaintRecord) => isSameProblemNearby(candidateOf(c), query, at);
    return { items: await firstAccepted(conn, listFilters.similar(new Types.ObjectId(query.categoryId)), { floor, limit: 10 }, same, toPublicSummaryView) };
  }

  /**
   * Joining an existing complaint instead of filing a twin, under the rule that offered it: the
   * follower states what they were about to file and where they stand, and anything that fails the
   * rule answers like an absent complaint (an id alone, from a list or a guess, opens nothing).
   * The follower gets the public view (complaint-view.ts) and the notifications.
   */
  async function followComplaint(user: UserRecord, rawId: string, body: FollowComplaintBody): Promise<ComplaintView> {
    if (!user.realName) throw new AppError('REAL_NAME_REQUIRED', 403);
    const id = complaintIdOf(rawId);
    const found = await complaints.findOne({ _id: id }, { events: 0, outbox: 0 }).lean<ComplaintRecord>();
    if (!found) throw new AppError('COMPLAINT_NOT_FOUND', 404);
    const position = { categoryId: body.categoryId, lat: body.location.lat, lng: body.location.lng };
    if (!isSameProblemNearby(candidateOf(found), position, now())) throw new AppError('COMPLAINT_NOT_FOUND', 404);

    const anyOpen: Actor = { ...residentActor(user), scope: {} };
    const updated = await transition(deps, {
      id,
      actor: anyOpen,
      action: 'follow',
      addToSet: { followerIds: user._id },
      event: { public: false },
    });
    return toComplaintView(updated, { actor: residentActor(user), staff: false });
  }

  return { fileComplaint, findSimilar, followComplaint };
}
