import busboy from 'busboy';
import { COMPLAINT_RULES } from '@gongzhi/shared';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';

/**
 * Reads the one `file` part of a multipart/form-data request into memory, refusing more than
 * COMPLAINT_RULES.maxPhotoBytes before reading further.
 */
export async function receiveImage(ctx: AppContext): Promise<Buffer> {
  if (!ctx.is('multipart/form-data')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415);
  const maxBytes = COMPLAINT_RULES.maxPhotoBytes;
  // Multipart framing adds a few hundred bytes; anything far beyond the limit is refused unread.
  if (Number(ctx.get('content-length') || 0) > maxBytes + 64 * 1024) throw new AppError('UPLOAD_TOO_LARGE', 413);

  return new Promise<Buffer>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: ctx.req.headers, limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6 } });
    } catch {
      reject(new AppError('VALIDATION_FAILED', 400, [{ path: 'body', message: '上传格式不正确' }]));
      return;
    }
    let file: Buffer | undefined;
    let failure: AppError | undefined;
    parser.on('file', (name, stream) => {
      if (name !== 'file' || file) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        failure = new AppError('UPLOAD_TOO_LARGE', 413);
      });
      stream.on('end', () => {
        file = Buffer.concat(chunks);
      });
    });
    parser.on('error', () => reject(new AppError('VALIDATION_FAILED', 400, [{ path: 'body', message: '上传格式不正确' }])));
    parser.on('close', () => {
      if (failure) reject(failure);
      else if (!file || file.length === 0) reject(new AppError('VALIDATION_FAILED', 400, [{ path: 'body.file', message: '请选择图片' }]));
      else resolve(file);
    });
    ctx.req.pipe(parser);
  });
}
