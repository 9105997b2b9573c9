import { useEffect } from 'react';
import type { WorkstationApi } from '../../electron/api';

/** At most one ping this often: enough for a break's idle count, little traffic. */
export const ACTIVITY_PING_MS = 10_000;

const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;

/**
 * Tells core the person is at the screen (session.activity) when they give input, throttled. In
 * browser mode core has no OS idle clock, so breaks count idle time from these; under Electron the
 * OS's count is used and these change nothing.
 */
export function useActivityPing(api: WorkstationApi, enabled: boolean, now: () => number = Date.now): void {
  useEffect(() => {
    if (!enabled) return;
    let last = -Infinity;
    const onInput = () => {
      const at = now();
      if (at - last < ACTIVITY_PING_MS) return;
      last = at;
      // A lost ping only makes core think the person was away a little longer than they were.
      void api.call('session.activity', {}).catch(() => undefined);
    };
    for (const type of INPUT_EVENTS) window.addEventListener(type, onInput, { passive: true });
    return () => {
      for (const type of INPUT_EVENTS) window.removeEventListener(type, onInput);
    };
  }, [api, enabled, now]);
}
