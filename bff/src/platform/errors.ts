import { messageForCode, type ErrorCode } from '@gongzhi/shared';

/** The one error type: a stable machine code, an HTTP status and the Chinese message for the code. */
export class AppError extends Error {
  override name = 'AppError';

  constructor(
    public readonly code: ErrorCode,
    public readonly status: number,
    public readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(messageForCode(code), options);
  }
}
