import { messageForCode } from '@gongzhi/shared';

/** Every failed call becomes one of these; screens show `message`, logic branches on `code`. */
export class ApiError extends Error {
  constructor(
    public readonly code: string,
    public readonly status: number,
    public readonly details?: unknown,
  ) {
    super(messageForCode(code));
    this.name = 'ApiError';
  }
}

export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('INTERNAL', 0);
}
