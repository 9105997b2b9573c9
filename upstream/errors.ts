/** An error the API reports to the caller as `{error: {code, message, field?}}` with this status. */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const notFound = (message: string): ApiError => new ApiError(404, 'not_found', message);
export const badRequest = (message: string, field: string): ApiError => new ApiError(400, 'bad_request', message, field);
