import type { Connection, Types } from 'mongoose';
import { nowMs } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { ATTACHABLE_UPLOAD_AGE_MS, UNATTACHED, Uploads, type PhotoSubject } from './upload.model';

/**
 * Photos named in a complaint, a resolution, a proposal or a mutual-aid post or message must be the caller's own uploads not yet attached
 * elsewhere, and not so old that the cleanup (upload-cleanup.ts) may be deleting them; anyone
 * else's id is answered as if it did not exist.
 */
export async function checkOwnPhotos(conn: Connection, ids: Types.ObjectId[], ownerId: Types.ObjectId, field: string): Promise<void> {
  if (ids.length === 0) return;
  const distinct = [...new Set(ids.map(String))];
  const own = await Uploads(conn)
    .find({ _id: { $in: ids }, ownerId, ...UNATTACHED, createdAt: { $gt: new Date(nowMs() - ATTACHABLE_UPLOAD_AGE_MS) } }, { _id: 1 })
    .lean();
  if (own.length !== distinct.length) {
    const mine = new Set(own.map((u) => u._id.toString()));
    const bad = ids.findIndex((id) => !mine.has(id.toString()));
    throw new AppError('UPLOAD_NOT_FOUND', 400, [{ path: `body.${field}.${bad}`, message: '图片不存在或已失效' }]);
  }
}

/** After the complaint (or proposal, mutual-aid post or conversation) holds them: from now on its readers may see these photos. */
export async function attachPhotos(conn: Connection, ids: Types.ObjectId[], ownerId: Types.ObjectId, to: PhotoSubject): Promise<void> {
  if (ids.length === 0) return;
  await Uploads(conn).updateMany({ _id: { $in: ids }, ownerId, ...UNATTACHED }, { $set: to });
}
