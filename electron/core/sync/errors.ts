/** Why a call to the upstream failed, in terms the sync loop can act on. */
export type UpstreamFailure =
  | { kind: 'network'; message: string }
  | {
      kind: 'http';
      status: number;
      code: string;
      message: string;
      retryAfterMs: number | null;
      /** The request field a 400 names as a dotted path (e.g. entries.3.note), when it names one. */
      field?: string;
    }
  | { kind: 'protocol'; message: string };

/**
 * What a failed upload says about the entries it carried:
 * - 'unreachable': nothing (the network, a timeout, rate limiting, a 503 saying the upstream is
 *   unavailable for now); wait, then send them again.
 * - 'refused': the upstream will not take what was sent (400, 413, 422 …); sending it again cannot help.
 * - 'failed': the upstream answered without taking it (a 5xx, an unusable reply, a session or route
 *   it does not know); it may work later, so retry with backoff, but one of the entries may be the cause.
 */
export type UploadFailure = 'unreachable' | 'refused' | 'failed';

/** 4xx answers about the session or the route, not the content: no entry is to blame for them. */
const NOT_ABOUT_CONTENT = new Set([401, 403, 404]);

export class UpstreamError extends Error {
  readonly failure: UpstreamFailure;

  constructor(failure: UpstreamFailure) {
    super(failure.message);
    this.name = 'UpstreamError';
    this.failure = failure;
  }

  get uploadFailure(): UploadFailure {
    const f = this.failure;
    if (f.kind === 'network' || (f.kind === 'http' && [408, 429, 503].includes(f.status))) return 'unreachable';
    if (f.kind === 'http' && f.status >= 400 && f.status < 500 && !NOT_ABOUT_CONTENT.has(f.status)) return 'refused';
    return 'failed';
  }
}
