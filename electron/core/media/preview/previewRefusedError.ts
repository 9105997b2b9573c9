import type { UnanalysableReason } from '../decode';

/** The image cannot be previewed; `failure` says why in words a moderator can read. */
export class PreviewRefusedError extends Error {
  override readonly name = 'PreviewRefusedError';
  readonly failure: UnanalysableReason;

  constructor(failure: UnanalysableReason, options?: ErrorOptions) {
    super(failure.message, options);
    this.failure = failure;
  }
}
