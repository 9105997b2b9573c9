import { describe, expect, it } from 'vitest';
import { takeLaunchToken, type LaunchContext } from '../../../renderer/api/launchToken';

const token = '0123456789abcdef0123456789abcdef';

function context(hash: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const replaced: string[] = [];
  const ctx: LaunchContext = {
    location: { hash, pathname: '/', search: '?lang=de' },
    history: { state: null, replaceState: (_state, _unused, url) => void replaced.push(String(url)) },
    storage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value) },
  };
  return { ctx, storage, replaced };
}

describe('takeLaunchToken', () => {
  it('takes the token from the fragment, keeps it for reloads and clears the address bar', () => {
    const { ctx, storage, replaced } = context(`#token=${token}`);
    expect(takeLaunchToken(ctx)).toBe(token);
    expect([...storage.values()]).toEqual([token]);
    expect(replaced).toEqual(['/?lang=de']);
  });

  it('finds the kept token after a reload without touching history', () => {
    const first = context(`#token=${token}`);
    takeLaunchToken(first.ctx);
    const reload = context('', Object.fromEntries(first.storage));
    expect(takeLaunchToken(reload.ctx)).toBe(token);
    expect(reload.replaced).toEqual([]);
  });

  it('prefers a new launch token over an old kept one', () => {
    const newer = 'f'.repeat(32);
    const { ctx } = context(`#token=${newer}`, { 'workstation.token': token });
    expect(takeLaunchToken(ctx)).toBe(newer);
  });

  it('has no token when neither the fragment nor storage holds a well-formed one', () => {
    expect(takeLaunchToken(context('').ctx)).toBeNull();
    const bad = context('#token=<script>');
    expect(takeLaunchToken(bad.ctx)).toBeNull();
    expect(bad.replaced).toEqual(['/?lang=de']);
  });
});
