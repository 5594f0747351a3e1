import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { now } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { complaintInScope, residentActor, staffActor } from '../complaints/complaint-access';
import type { UserRecord } from '../identity/user.model';
import type { FileStorage } from './file-storage';
import { imageTypeOf } from './image-type';
import { Uploads, type ImageType } from './upload.model';

export function createUploadService(conn: Connection, storage: FileStorage) {
  const uploads = Uploads(conn);

  /** A photo for a complaint or a resolution: kept, and owned by whoever sent it. */
  async function uploadPhoto(user: UserRecord, bytes: Buffer): Promise<{ id: string }> {
    const contentType = imageTypeOf(bytes);
    if (!contentType) throw new AppError('UPLOAD_TYPE_NOT_ALLOWED', 415);
    const storageKey = await storage.put(bytes, contentType);
    const record = await uploads.create({ ownerId: user._id, storageKey, contentType, bytes: bytes.length, createdAt: now(), complaintId: null });
    return { id: record._id.toString() };
  }

  /**
   * The uploader always; others only through a complaint whose photos they may see: its resident
   * and staff in scope, never a follower (who gets the public view). Anything else is answered as
   * absent, so ids cannot be probed.
   */
  async function readPhoto(user: UserRecord, rawId: string | undefined): Promise<{ bytes: Buffer; contentType: ImageType }> {
    if (!rawId || !/^[0-9a-f]{24}$/.test(rawId)) throw new AppError('UPLOAD_NOT_FOUND', 404);
    const upload = await uploads.findById(rawId).lean();
    if (!upload || !(upload.ownerId.equals(user._id) || (await seesComplaintOf(user, upload.complaintId)))) {
      throw new AppError('UPLOAD_NOT_FOUND', 404);
    }
    const bytes = await storage.get(upload.storageKey);
    if (!bytes) throw new AppError('UPLOAD_NOT_FOUND', 404);
    return { bytes, contentType: upload.contentType };
  }

  async function seesComplaintOf(user: UserRecord, complaintId: Types.ObjectId | null): Promise<boolean> {
    if (!complaintId) return false;
    const projection = { events: 0, outbox: 0 } as const;
    if (await complaintInScope(conn, residentActor(user, { ownOnly: true }), complaintId, projection)) return true;
    if (!(user.roles ?? []).length) return false;
    const staff = await staffActor(conn, user, 'any').catch(() => null);
    return Boolean(staff && (await complaintInScope(conn, staff, complaintId, projection)));
  }

  return { uploadPhoto, readPhoto };
}
