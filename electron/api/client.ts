/**
 * What the renderer holds: one way to call, one way to listen, one way to load a preview.
 * The Electron preload and the browser-mode client both implement it.
 */
import type { CallInput, CallName, CallOutput, WorkstationEvent } from './contract';
import type { PreviewRequest } from './types';

export interface WorkstationApi {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  /** Returns an unsubscribe function. */
  subscribe(listener: (event: WorkstationEvent) => void): () => void;
  /**
   * A URL the renderer may put in an <img>: already blurred and grayscale as asked. Tier 'clear'
   * needs the revealId of an open reveal of the same image (reveal.begin), is refused after
   * reveal.end, and is never served for a child-safety bank match.
   */
  previewUrl(request: PreviewRequest): Promise<string>;
  /** Gives back what previewUrl made (blob URLs in browser mode). */
  releasePreviewUrl(url: string): void;
}
