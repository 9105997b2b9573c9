/** Why a call to the upstream failed, in terms the sync loop can act on. */
export type UpstreamFailure =
  | { kind: 'network'; message: string }
  | { kind: 'http'; status: number; code: string; message: string; retryAfterMs: number | null }
  | { kind: 'protocol'; message: string };

export class UpstreamError extends Error {
  readonly failure: UpstreamFailure;

  constructor(failure: UpstreamFailure) {
    super(failure.message);
    this.name = 'UpstreamError';
    this.failure = failure;
  }

  /** Worth retrying later: the network, the server's own trouble, or rate limiting. */
  get retryable(): boolean {
    const f = this.failure;
    return f.kind === 'network' || (f.kind === 'http' && (f.status >= 500 || f.status === 429 || f.status === 408));
  }
}
