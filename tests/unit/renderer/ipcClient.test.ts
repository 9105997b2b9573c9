import { describe, expect, it } from 'vitest';
import { ApiError, type IpcBridge, type IpcReply, type WorkstationEvent } from '../../../electron/api';
import { createIpcClient } from '../../../renderer/api/ipcClient';

function bridgeAnswering(reply: IpcReply) {
  const sent: Array<[string, unknown]> = [];
  let listener: ((payload: unknown) => void) | null = null;
  const bridge: IpcBridge = {
    invoke: async (name, input) => {
      sent.push([name, input]);
      return reply;
    },
    onEvent(l) {
      listener = l;
      return () => {
        listener = null;
      };
    },
  };
  return { bridge, sent, push: (payload: unknown) => listener?.(payload), listening: () => listener !== null };
}

describe('the Electron IPC client', () => {
  it('sends the call and returns the reply once it fits the contract', async () => {
    const { bridge, sent } = bridgeAnswering({ ok: true, value: { account: null } });
    await expect(createIpcClient(bridge).call('session.current', {})).resolves.toEqual({ account: null });
    expect(sent).toEqual([['session.current', {}]]);
  });

  it('refuses a reply that does not fit the contract, as the browser-mode client does', async () => {
    const { bridge } = bridgeAnswering({ ok: true, value: { account: 'someone' } });
    const error = await createIpcClient(bridge)
      .call('session.current', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'internal' });
    expect((error as ApiError).message).toContain('does not understand');
  });

  it('turns an error body back into an ApiError with its code and field', async () => {
    const { bridge } = bridgeAnswering({ ok: false, error: { code: 'bad_request', message: 'note is invalid', field: 'note' } });
    const error = await createIpcClient(bridge)
      .call('session.current', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'bad_request', field: 'note', message: 'note is invalid' });
  });

  it('passes on only events that fit the contract, and stops on unsubscribe', () => {
    const { bridge, push, listening } = bridgeAnswering({ ok: true, value: null });
    const seen: WorkstationEvent[] = [];
    const unsubscribe = createIpcClient(bridge).subscribe((event) => seen.push(event));
    push({ type: 'queue.changed' });
    push({ type: 'no.such.event' });
    push('garbage');
    expect(seen).toEqual([{ type: 'queue.changed' }]);
    unsubscribe();
    expect(listening()).toBe(false);
  });

  it('asks main for previews through the media protocol with the shared query form', async () => {
    const { bridge } = bridgeAnswering({ ok: true, value: null });
    const sha256 = 'a'.repeat(64);
    const url = await createIpcClient(bridge).previewUrl({ itemId: 'item 1', sha256, tier: 'clear', grayscale: false, revealId: 'r1' });
    expect(url).toBe(`workstation-media://preview/item%201/${sha256}?tier=clear&grayscale=0&revealId=r1`);
  });
});
