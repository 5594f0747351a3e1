import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { now as clockNow } from '../../platform/clock';
import type { FileStorage } from './file-storage';
import { UNATTACHED, UNATTACHED_UPLOAD_TTL_MS, Uploads } from './upload.model';

/**
 * Deletes the uploads never attached to a complaint within UNATTACHED_UPLOAD_TTL_MS of their upload:
 * the file first, then the record, so a failure in between leaves a record that the next run
 * finds again (a file already gone is no error) rather than a file that nothing points to.
 * Safe to run in several processes at once: both deletes are idempotent, and the record is deleted
 * only while it is still unattached. No photo being attached can be deleted: photos.ts refuses to
 * attach an upload an hour before it becomes due here.
 */
export async function runUploadCleanupOnce(
  deps: { conn: Connection; storage: FileStorage; logger?: Logger },
  opts: { now?: Date; batch?: number } = {},
): Promise<{ deleted: number }> {
  const at = opts.now ?? clockNow();
  const stale = { ...UNATTACHED, createdAt: { $lt: new Date(at.getTime() - UNATTACHED_UPLOAD_TTL_MS) } };
  const due = await Uploads(deps.conn)
    .find(stale, { storageKey: 1 })
    .limit(opts.batch ?? 200)
    .lean();
  let deleted = 0;
  for (const upload of due) {
    await deps.storage.delete(upload.storageKey);
    deleted += (await Uploads(deps.conn).deleteOne({ _id: upload._id, ...stale })).deletedCount;
  }
  if (deleted) deps.logger?.info({ deleted }, 'upload cleanup deleted uploads never attached');
  return { deleted };
}
