import { ApiError, httpStatusOf } from '../../electron/api';

/**
 * Errors from the preload arrive as a structurally equal ApiError from another bundle (or plain
 * data after IPC), so instanceof alone is not enough. Anything else is a bug: say so plainly.
 */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (typeof error === 'object' && error !== null) {
    const { code, message, field } = error as { code?: unknown; message?: unknown; field?: unknown };
    if (typeof code === 'string' && Object.prototype.hasOwnProperty.call(httpStatusOf, code) && typeof message === 'string') {
      return new ApiError(code as ApiError['code'], message, typeof field === 'string' ? field : undefined);
    }
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new ApiError(
    'internal',
    `Unexpected error in the workstation window: ${detail}. Reload the window; if it persists, report it with this message.`,
  );
}
