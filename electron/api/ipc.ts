/**
 * What crosses Electron's IPC between main and the renderer: one invoke channel for calls, one
 * channel for pushed events. Errors travel as plain bodies because Electron does not carry error
 * classes across IPC; the renderer's IPC client turns them back into ApiErrors.
 */
import type { ApiErrorBody } from './errors';

export const IPC_CALL_CHANNEL = 'workstation:call';
export const IPC_EVENT_CHANNEL = 'workstation:event';

export type IpcReply = { ok: true; value: unknown } | { ok: false; error: ApiErrorBody };

/** All the preload exposes to the sandboxed renderer: raw messages, checked by the renderer's client. */
export interface IpcBridge {
  invoke(name: string, input: unknown): Promise<IpcReply>;
  /** Returns an unsubscribe function. */
  onEvent(listener: (payload: unknown) => void): () => void;
}
