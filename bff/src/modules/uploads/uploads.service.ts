import type { Connection } from 'mongoose';
import type { Role } from '@gongzhi/shared';
import { now } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { RateLimitStore, RateLimitVerdict, WindowLimit } from '../../platform/rate-limit';
import type { UserRecord } from '../identity/user.model';
import type { FileStorage } from './file-storage';
import { imageTypeOf } from './image-type';
import { MEDIA_LINK_TTL_MS, SYNC_CHECK_MAX_BYTES } from './media-check';
import { isAttached, Uploads, type ImageType, type UploadRecord } from './upload.model';

/** Who uploads without real-name registration: a handling unit's staff (resolution photos), community staff, enterprise service officers (replies). */
const STAFF_WHO_ATTACH_PHOTOS: readonly Role[] = ['unit_staff', 'community_staff', 'enterprise_officer'];
const DAY_SECONDS = 86_400;

/** 429 UPLOAD_QUOTA_EXCEEDED; the route answers Retry-After with the seconds until the quota's day ends. */
export class UploadQuotaExceeded extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('UPLOAD_QUOTA_EXCEEDED', 429);
  }
}

export interface UploadServiceDeps {
  conn: Connection;
  storage: FileStorage;
  /** files and bytes per person and day (config `uploads.dailyQuota`) */
  limits: { dailyQuota: { files: number; bytes: number } };
  rateLimits: RateLimitStore;
  /**
   * Whether someone other than the uploader may see the photos attached to this complaint. The
   * complaints module answers it (complaints/complaint-access.ts seesComplaintPhotos; app.ts wires
   * it): uploads does not import complaints, which import uploads to attach photos.
   */
  /** whether this person may see what the photo is attached to (a complaint, a proposal) */
  /** WeChat's image check (img_sec_check, at most 1 MB): a risky image is refused before it is stored */
  checkImage?: (bytes: Buffer, contentType: string) => Promise<'pass' | 'risky'>;
  /**
   * For larger images, WeChat's asynchronous check (media_check_async): `link` makes the signed link it
   * downloads the image by, `start` asks for the check (answering its trace id), `onRisky` tells the
   * uploader when the verdict comes back risky.
   */
  mediaCheck?: {
    link: (id: string, expires: number) => string;
    linkValid: (id: string, expires: number, sig: string) => boolean;
    start: (mediaUrl: string, openid: string) => Promise<{ traceId: string }>;
    onRisky: (upload: Pick<UploadRecord, '_id' | 'ownerId'>) => Promise<void>;
  };
  seesPhotosOf: (user: UserRecord, upload: Pick<UploadRecord, 'complaintId' | 'proposalId' | 'aidPostId' | 'aidChatId' | 'pollId' | 'activityId' | 'enterpriseCaseId' | 'enterpriseId'>) => Promise<boolean>;
}

export function createUploadService({ conn, storage, limits, rateLimits, seesPhotosOf, checkImage, mediaCheck }: UploadServiceDeps) {
  const uploads = Uploads(conn);
  // Counted in the shared store (platform/rate-limit.ts), so every BFF process draws on one quota.
  const quotas = (user: UserRecord): Array<{ key: string; limit: WindowLimit }> => [
    { key: `upload-files ${user._id}`, limit: { windowSeconds: DAY_SECONDS, max: limits.dailyQuota.files } },
    { key: `upload-bytes ${user._id}`, limit: { windowSeconds: DAY_SECONDS, max: limits.dailyQuota.bytes } },
  ];
  const refusal = (verdicts: RateLimitVerdict[]) =>
    new UploadQuotaExceeded(Math.max(...verdicts.filter((v) => !v.allowed).map((v) => v.retryAfterSeconds)));

  /**
   * Before the file is read: photos are for complaints (real-name registered residents) and their
   * resolutions (a unit's staff); and a person whose day's quota is used up is refused unread.
   */
  async function admitUploader(user: UserRecord): Promise<void> {
    if (!user.realName && !(user.roles ?? []).some((b) => STAFF_WHO_ATTACH_PHOTOS.includes(b.role))) {
      throw new AppError('REAL_NAME_REQUIRED', 403);
    }
    const verdicts = await Promise.all(quotas(user).map((q) => rateLimits.peek(q.key, q.limit)));
    if (verdicts.some((v) => !v.allowed)) throw refusal(verdicts);
  }

  /**
   * A photo for a complaint or a resolution: kept, and owned by whoever sent it. The file and its
   * bytes are counted against the day's quota before anything is stored, by one increment each in
   * the shared store, so that uploads sent at the same moment cannot all pass on the last of it; a
   * refused or failed upload gives its counts back.
   */
  async function uploadPhoto(user: UserRecord, bytes: Buffer): Promise<{ id: string }> {
    const contentType = imageTypeOf(bytes);
    if (!contentType) throw new AppError('UPLOAD_TYPE_NOT_ALLOWED', 415);
    const counted = quotas(user).map((q, i) => ({ ...q, points: i === 0 ? 1 : bytes.length }));
    const giveBack = () => Promise.all(counted.map((q) => rateLimits.refund(q.key, q.limit, q.points)));
    const verdicts = await Promise.all(counted.map((q) => rateLimits.consume(q.key, q.limit, q.points)));
    if (verdicts.some((v) => !v.allowed)) {
      await giveBack();
      throw refusal(verdicts);
    }
    try {
      const later = mediaCheck && bytes.length > SYNC_CHECK_MAX_BYTES;
      if (!later && checkImage && (await checkImage(bytes, contentType)) === 'risky') throw new AppError('CONTENT_RISKY', 400, [{ path: 'file', message: '图片可能包含不当内容，请换一张' }]);
      const storageKey = await storage.put(bytes, contentType);
      const record = await uploads.create({
        ownerId: user._id, storageKey, contentType, bytes: bytes.length, createdAt: now(), complaintId: null,
        ...(later ? { check: { state: 'pending', at: now() } } : {}),
      });
      if (later) await startMediaCheck(user, record._id.toString(), storageKey);
      return { id: record._id.toString() };
    } catch (err) {
      await giveBack();
      throw err;
    }
  }

  /** Asks WeChat to check a large image; if WeChat cannot be reached, the upload is undone (503), never kept unchecked. */
  async function startMediaCheck(user: UserRecord, id: string, storageKey: string): Promise<void> {
    try {
      const { traceId } = await mediaCheck!.start(mediaCheck!.link(id, now().getTime() + MEDIA_LINK_TTL_MS), user.openid);
      await uploads.updateOne({ _id: id, 'check.state': 'pending' }, { $set: { 'check.traceId': traceId } });
    } catch (err) {
      await uploads.deleteOne({ _id: id });
      await storage.delete(storageKey).catch(() => undefined);
      throw err instanceof AppError ? err : new AppError('WECHAT_UNAVAILABLE', 503);
    }
  }

  /** The image behind a signed link, for WeChat's download only (media_check_async): pending ones. */
  async function readForCheck(id: string, expires: number, sig: string): Promise<{ bytes: Buffer; contentType: ImageType }> {
    if (!mediaCheck?.linkValid(id, expires, sig)) throw new AppError('UPLOAD_NOT_FOUND', 404);
    const upload = await uploads.findById(id).lean();
    if (!upload || upload.check?.state !== 'pending') throw new AppError('UPLOAD_NOT_FOUND', 404);
    const bytes = await storage.get(upload.storageKey);
    if (!bytes) throw new AppError('UPLOAD_NOT_FOUND', 404);
    return { bytes, contentType: upload.contentType };
  }

  /**
   * A pushed verdict, recorded once (a pending upload only): a replay or a second push changes nothing
   * ('already'). A trace id no upload has yet ('unknown') can be a push that overtook the saving of the
   * trace id: the route refuses it, so WeChat sends it again.
   */
  async function recordVerdict(traceId: string, suggest: 'pass' | 'review' | 'risky'): Promise<'recorded' | 'already' | 'unknown'> {
    // WeChat's `review` is not a refusal: the image is shown, as img_sec_check's pass would be
    const state = suggest === 'risky' ? 'risky' : 'pass';
    const updated = await uploads.findOneAndUpdate({ 'check.traceId': traceId, 'check.state': 'pending' }, { $set: { 'check.state': state, 'check.at': now() } }, { new: true }).lean();
    if (!updated) return (await uploads.exists({ 'check.traceId': traceId })) ? 'already' : 'unknown';
    if (state === 'risky') await mediaCheck?.onRisky(updated);
    return 'recorded';
  }

  /**
   * The uploader always; others only through the complaint the photo is attached to, if they may
   * see its photos (seesPhotosOf). Anything else is answered as absent, so ids cannot be probed.
   */
  async function readPhoto(user: UserRecord, id: string): Promise<{ bytes: Buffer; contentType: ImageType }> {
    const upload = await uploads.findById(id).lean();
    // judged risky: nobody; still being checked: its uploader only
    if (!upload || upload.check?.state === 'risky' || (upload.check?.state === 'pending' && !upload.ownerId.equals(user._id))) throw new AppError('UPLOAD_NOT_FOUND', 404);
    if (!(upload.ownerId.equals(user._id) || (isAttached(upload) && (await seesPhotosOf(user, upload))))) {
      throw new AppError('UPLOAD_NOT_FOUND', 404);
    }
    const bytes = await storage.get(upload.storageKey);
    if (!bytes) throw new AppError('UPLOAD_NOT_FOUND', 404);
    return { bytes, contentType: upload.contentType };
  }

  return { admitUploader, uploadPhoto, readPhoto, readForCheck, recordVerdict };
}
