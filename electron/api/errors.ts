/**
 * Errors that cross the API boundary. Each has a code the transports map to a status (HTTP) or
 * rethrow as-is (IPC), and a message a person can act on.
 */
export type ApiErrorCode =
  'bad_request' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'too_many_requests' | 'upstream_unavailable' | 'internal';

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  field?: string;
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly field: string | undefined;

  constructor(code: ApiErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
  }

  toBody(): ApiErrorBody {
    return this.field === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, field: this.field };
  }

  static fromBody(body: ApiErrorBody): ApiError {
    return new ApiError(body.code, body.message, body.field);
  }
}

export const httpStatusOf: Record<ApiErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
  upstream_unavailable: 503,
  internal: 500,
};
